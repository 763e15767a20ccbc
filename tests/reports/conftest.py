"""A small workspace for the report tests: synthetic posts of six municipalities, their
registry, the import and synthetic questionnaire answers (as `make demo` makes them)."""

from __future__ import annotations

from datetime import date

import pytest
from reportexpect import GENERATED, PERIOD
from typer.testing import CliRunner


@pytest.fixture(scope="session")
def report_home(tmp_path_factory):
    from meetlat import workspace
    from meetlat.app import accounts, importing, measuring, questionnaire
    from meetlat.synth.service import SynthOptions, generate

    root = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_LANG", "nl")
        ws = workspace.init(root / "home")
        generate(SynthOptions(municipalities=6, posts=1500, format="x-v2",
                              out=root / "synthetic", seed=3))  # fmt: skip
        accounts.import_accounts(ws, root / "synthetic" / "accounts.csv")
        importing.import_files(ws, [root / "synthetic" / "posts"])
        frame = measuring.measure(ws, date(2014, 4, 1), date(2014, 6, 30), by="municipality")
        codes = sorted(set(frame.frame["municipality_code"]))
        questionnaire.synthetic_survey(ws, codes, "2014")
    return ws.root


def _invoke(home, *args):
    from meetlat.cli.main import build_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_HOME", str(home))
        patch.setenv("MEETLAT_LANG", "nl")
        return CliRunner().invoke(build_app(), [str(a) for a in args], catch_exceptions=False)


def _write(home, out, format: str, generated: str = GENERATED):
    result = _invoke(home, "report", "national", "--period", PERIOD, "--edition", "2014",
                     "--format", format, "--out", out, "--generated-at", generated)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def national_html(report_home, tmp_path_factory):
    """The national report as HTML, written once by the CLI: its path."""
    return _write(report_home, tmp_path_factory.mktemp("html") / "landelijk.html", "html")


@pytest.fixture(scope="module")
def national_pdf(report_home, tmp_path_factory):
    """The national report as PDF, written once by the CLI: its path."""
    return _write(report_home, tmp_path_factory.mktemp("pdf") / "landelijk.pdf", "pdf")


@pytest.fixture
def in_report_home(report_home, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(report_home))
    return report_home


@pytest.fixture
def meetlat(report_home):
    """Run the meetlat command in the report workspace; returns the click Result."""
    return lambda *args: _invoke(report_home, *args)


@pytest.fixture
def write_report(report_home, tmp_path):
    """``write_report("html", "name.html", generated)``: the report written again."""
    return lambda format, name, generated=GENERATED: _write(
        report_home, tmp_path / name, format, generated
    )
