from pathlib import Path

from meetlat.cli.docs import reference_markdown as markdown_of
from meetlat.cli.main import build_app


def reference_markdown():
    return markdown_of(build_app())


DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def test_cli_reference_is_up_to_date():
    assert DOCS.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/cli.md is out of date: run `make docs`"
    )


def test_reference_names_every_command():
    text = reference_markdown()
    assert "### `meetlat init`" in text
    assert "### `meetlat docs cli`" in text
