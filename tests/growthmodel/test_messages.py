"""Texts in a language the caller chooses (gettext_in, and the local t() wrappers of the
advice and the Markdown document) have Dutch translations too; tests/test_i18n.py only
sees _() and gettext()."""

import ast
from pathlib import Path

import meetlat
from meetlat import i18n

SRC = Path(meetlat.__file__).parent
FILES = [*sorted((SRC / "growthmodel").glob("*.py")), SRC / "cli" / "model.py"]


def _messages():
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id == "t" and node.args:
                message = node.args[0]
            elif node.func.id == "gettext_in" and len(node.args) == 2:
                message = node.args[1]
            else:
                continue
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                yield f"{path.name}:{node.lineno}", message.value


def test_chosen_language_messages_have_dutch():
    found = list(_messages())
    assert len(found) > 10
    catalogue = i18n._catalogue("nl")
    missing = [f"{where}: {message!r}" for where, message in found if message not in catalogue]
    assert not missing, "\n".join(missing)


def test_gettext_in_ignores_the_user_language(monkeypatch):
    message = "Advice"
    monkeypatch.setenv("MEETLAT_LANG", "en")
    assert i18n.gettext_in("nl", message) == "Advies"
    monkeypatch.setenv("MEETLAT_LANG", "nl")
    assert i18n.gettext_in("en", message) == "Advice"
