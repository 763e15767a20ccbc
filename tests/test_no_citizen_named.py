"""No output names a citizen (an account that is not in the registry of public bodies):
every reading command run on real X pages full of citizens' posts, replies and mentions,
with one account registered as the municipality's, and the reports it writes. Two of the
real records are also imported cut off (so the quarantine holds citizens' raw records),
and showing handles with --toon-burgers proves that the check sees them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from meetlat import workspace as workspace_module
from meetlat.app import accounts
from meetlat.importer import import_paths
from meetlat.warehouse.connection import connect

FIXTURES = Path(__file__).parent / "fixtures"
MUNICIPAL = "fox12oregon"  # stands in for a municipality's account in the real sample
PERIOD = ("--from", "2021-04-01", "--to", "2021-04-30")
COMMANDS = [
    ("measure", *PERIOD),
    ("measure", *PERIOD, "--json"),
    ("measure", *PERIOD, "--by", "municipality", "--json"),
    ("rank", *PERIOD, "--min-replies", "1"),
    ("rank", *PERIOD, "--min-replies", "1", "--json"),
    ("rank", *PERIOD, "--table", "10", "--min-replies", "1", "--json"),
    ("national", "--period", "2021-04", "--json"),
    (
        "compare",
        "--period-a",
        "2020-04-01..2020-04-30",
        "--period-b",
        "2021-04-01..2021-04-30",
        "--json",
    ),  # fmt: skip
    ("words", *PERIOD),
    ("activity", *PERIOD),
    ("archive", "list"),
    ("archive", "verify", "--quick"),
    ("archive", "verify", "--json"),
    ("archive", "quarantine"),
    ("privacy", "special"),
    ("privacy", "special", "--json"),
    ("privacy", "register"),
    ("ecosystem", "groups", "--municipality", "GM0363", *PERIOD),
    ("ecosystem", "groups", "--municipality", "GM0363", *PERIOD, "--json"),
    ("ecosystem", "network", "--municipality", "GM0363", *PERIOD),
    ("ecosystem", "network", "--municipality", "GM0363", *PERIOD, "--json"),
    ("ecosystem", "connectors", "--municipality", "GM0363", *PERIOD, "--top", "100"),
    ("ecosystem", "connectors", "--municipality", "GM0363", *PERIOD, "--json"),
    ("webcare", "queue", "--account", MUNICIPAL, *PERIOD, "--answered"),
    ("webcare", "queue", "--account", MUNICIPAL, *PERIOD, "--answered", "--json"),
    ("webcare", "figures", "--account", MUNICIPAL, *PERIOD, "--json"),
    ("webcare", "daily", "--account", MUNICIPAL, *PERIOD, "--json"),
    ("webcare", "listen", "--municipality", "GM0363", *PERIOD),
    ("webcare", "listen", "--municipality", "GM0363", *PERIOD, "--json"),
    ("archive", "search", "--text", "the"),
    ("archive", "search", "--account", MUNICIPAL, "--json"),
    ("archive", "search", "--conversation", "1380240824470999045", "--json"),
    ("archive", "quarantine", "--list"),
    ("archive", "quarantine", "--json"),
    ("archive", "head", "--json"),
    ("privacy", "erasures"),
    ("privacy", "reveals"),
    ("themes", "profile", "--groups", FIXTURES / "themes" / "groups.csv", "--period", "2021-04"),
    (
        "themes",
        "interactive",
        "--groups",
        FIXTURES / "themes" / "groups.csv",
        "--period",
        "2021-04",
    ),
    (
        "themes",
        "before-after",
        "--groups",
        FIXTURES / "themes" / "groups.csv",
        "--date",
        "2021-04-08",
        "--json",
    ),  # fmt: skip
]
CITIZEN_POST = "1380229267770933248"  # a reply by a citizen in the sample
WRITTEN = [  # commands that write a document: its contents are checked too
    ("report", "national", "--period", "2021-04", "--generated-at", "2021-05-01", "--format",
     "html"),
    ("report", "municipality", "GM0363", "--period", "2021-04", "--generated-at", "2021-05-01",
     "--format", "html"),
]  # fmt: skip


@pytest.fixture(scope="module")
def citizens(tmp_path_factory):
    """A workspace with the real sample imported (made once for the module) and the
    handles of every citizen in it."""
    root = tmp_path_factory.mktemp("citizens")
    ws = workspace_module.init(root / "ws")
    folder = root / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "x" / "flat.jsonl", folder)
    lines = (FIXTURES / "x" / "flat.jsonl").read_text(encoding="utf-8").splitlines()
    cut = [line[: len(line) // 2] for line in lines if CITIZEN_POST in line][:1]
    cut += [json.dumps({"data": "cut", "includes": json.loads(lines[3]).get("includes")})]
    (folder / "cut.jsonl").write_text("\n".join(cut) + "\n", encoding="utf-8")
    registry = root / "accounts.csv"
    registry.write_text(f"municipality_code,platform,handle,role\nGM0363,x,{MUNICIPAL},corporate\n")
    accounts.import_accounts(ws, registry)
    import_paths(ws, [folder])
    listening = ws.root / "listening"
    listening.mkdir(exist_ok=True)  # webcare listen: terms that match the sample's posts
    (listening / "terms.toml").write_text('[GM0363]\nterms = ["obama", "biden"]\n')
    warehouse = connect(ws)
    handles = set(warehouse.table("accounts").to_pandas()["handle"].dropna())
    handles |= set(warehouse.table("posts").to_pandas()["handle"].dropna())
    others = {h.lower() for h in handles if h.lower() != MUNICIPAL and len(h) >= 5}
    assert len(others) > 30  # the sample is full of citizens
    return ws.root, others


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_output_names_a_citizen(cli, citizens, args, monkeypatch):
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    output = (result.stdout + result.stderr).lower()
    named = sorted(h for h in others if h in output)
    assert not named, f"meetlat {' '.join(args)} names {named}"


@pytest.mark.parametrize("args", WRITTEN, ids=lambda args: " ".join(args[:2] + args[-1:]))
def test_no_report_names_a_citizen(cli, citizens, args, monkeypatch, tmp_path):
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    out = tmp_path / f"report.{args[-1]}"
    result = cli(*args, "--out", out)
    assert result.exit_code == 0, result.output
    text = (out.read_text(encoding="utf-8") + result.stdout + result.stderr).lower()
    if "municipality" in args:
        assert MUNICIPAL in text  # the check can see a handle in the document
    named = sorted(h for h in others if h in text)
    assert not named, f"meetlat {' '.join(args)} names {named}"


ISSUE = FIXTURES / "issues" / "real_sample.toml"  # terms matching the sample's posts


@pytest.fixture(scope="module")
def issue_labels(citizens, tmp_path_factory):
    """A coding export over every post of the sample, citizens' posts coded kritiek and
    steun in turn by two coders, so that the issue's for and against lists fill up."""
    root, _others = citizens
    posts = connect(workspace_module.Workspace(root)).table("posts").to_pandas()
    path = tmp_path_factory.mktemp("labels") / "coderingen.csv"
    lines = ["platform,post_id,coder,teneur"]
    for n, post_id in enumerate(sorted(posts["post_id"].astype(str))):
        for coder in (1, 2):
            lines.append(f"x,{post_id},{coder},{('kritiek', 'steun')[n % 2]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["cijfers", "rapport"])
def test_no_issue_output_names_a_citizen(cli, citizens, issue_labels, command, monkeypatch,
                                         tmp_path):  # fmt: skip
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    out = tmp_path / "issue.html"
    extra = ("--json",) if command == "cijfers" else ("--html", out, "--generated-at",
                                                     "2021-05-01")  # fmt: skip
    result = cli("issue", command, ISSUE, "--labels", issue_labels, *extra)
    assert result.exit_code == 0, result.output
    text = result.stdout + result.stderr
    if command == "rapport":
        text += out.read_text(encoding="utf-8")
    else:
        found = json.loads(result.stdout)
        assert found["posts"] > 20 and found["critics"] and found["supporters"]
    text = text.lower()
    assert "burger-" in text  # the citizens are there, by pseudonym
    named = sorted(h for h in others if h in text)
    assert not named, f"meetlat issue {command} names {named}"


@pytest.mark.parametrize(
    "args", [("archive", "check", "--post", CITIZEN_POST), ("archive", "check", "--post",
             CITIZEN_POST, "--json")], ids=["text", "json"],
)  # fmt: skip
def test_checking_a_citizen_s_post_does_not_name_them(cli, citizens, args, monkeypatch):
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    result = cli(*args)
    assert result.exit_code == 0, result.output
    output = (result.stdout + result.stderr).lower()
    assert CITIZEN_POST in output
    assert not sorted(h for h in others if h in output)


def test_the_check_sees_a_citizen_s_handle_once_shown_on_purpose(cli, citizens, monkeypatch):
    """The quarantine holds citizens' handles: shown with --toon-burgers (and logged),
    hidden without; so the test above would fail if they leaked."""
    root, others = citizens
    monkeypatch.setenv("MEETLAT_HOME", str(root))
    shown = cli("archive", "quarantine", "--json", "--toon-burgers", "test van de afscherming")
    assert shown.exit_code == 0, shown.output
    assert sorted(h for h in others if h in shown.stdout.lower())
    reveals = cli("privacy", "reveals").stdout
    assert "test van de afscherming" in reveals and "archive quarantine" in reveals


def test_the_municipality_s_own_account_is_named(cli, citizens, monkeypatch):
    monkeypatch.setenv("MEETLAT_HOME", str(citizens[0]))
    assert MUNICIPAL in cli("measure", *PERIOD).stdout.lower()  # the check can see handles
