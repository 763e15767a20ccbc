"""Every message a user sees goes through gettext and has a Dutch translation."""

import ast
from pathlib import Path

import meetlat
from meetlat import i18n

SRC = Path(meetlat.__file__).parent


def _messages():
    for path in SRC.rglob("*.py"):
        if "web" in path.relative_to(SRC).parts:  # Django has its own catalogues
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "gettext"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path.relative_to(SRC), node.lineno, node.args[0].value


def test_every_message_has_a_dutch_translation():
    catalogue = i18n._catalogue("nl")
    missing = [f"{p}:{line}: {msg!r}" for p, line, msg in _messages() if msg not in catalogue]
    assert not missing, "messages without Dutch translation:\n" + "\n".join(missing)


def test_dutch_by_default_english_on_request(monkeypatch):
    message = "Folder of the workspace."
    assert i18n.gettext(message) == "Map van de werkruimte."
    monkeypatch.setenv("MEETLAT_LANG", "en")
    assert i18n.gettext(message) == message


def test_dutch_number_notation(monkeypatch):
    assert i18n.number(48213) == "48.213"
    assert i18n.number(7.25, 1) == "7,2" or i18n.number(7.25, 1) == "7,3"
    monkeypatch.setenv("MEETLAT_LANG", "en")
    assert i18n.number(48213) == "48,213"


def _plural_messages():
    for path in SRC.rglob("*.py"):
        if "web" in path.relative_to(SRC).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ngettext"
                and len(node.args) >= 2
                and all(isinstance(a, ast.Constant) for a in node.args[:2])
            ):
                yield path.relative_to(SRC), node.lineno, (node.args[0].value, node.args[1].value)


def test_every_plural_message_has_both_dutch_forms():
    catalogue = i18n._catalogue("nl")
    found = list(_plural_messages())
    assert found, "no ngettext call found: the check would prove nothing"
    missing = [f"{p}:{line}: {ids!r}" for p, line, ids in found if ids not in catalogue]
    assert not missing, "plural messages without Dutch forms:\n" + "\n".join(missing)


def test_plurals_choose_the_form_by_count(monkeypatch):
    one = "{count} question was not in the file; its stored answers were kept: {questions}"
    many = "{count} questions were not in the file; their stored answers were kept: {questions}"
    assert i18n.ngettext(one, many, 1).startswith("{count} vraag ")
    assert i18n.ngettext(one, many, 2).startswith("{count} vragen ")
    monkeypatch.setenv("MEETLAT_LANG", "en")
    assert i18n.ngettext(one, many, 1) == one and i18n.ngettext(one, many, 0) == many
