"""Every word of the templates is Meetlat's gettext with a Dutch translation."""

from __future__ import annotations

import re
from pathlib import Path

from meetlat.i18n import _catalogue

TEMPLATES = Path(__file__).parents[2] / "src/meetlat/web/templates/meetlat"
TAG = re.compile(r"""\{%\s*t\s+(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")


def test_every_template_text_has_a_dutch_translation():
    catalogue = _catalogue("nl")
    found = [
        m.group(1) or m.group(2)
        for f in TEMPLATES.glob("*.html")
        for m in TAG.finditer(f.read_text())
    ]
    assert len(found) > 80
    missing = sorted({text for text in found if text not in catalogue})
    assert not missing, missing


def test_templates_hold_no_bare_english_sentences():
    """Text between tags is a {% t %} tag, a variable or a name (Meetlat, English)."""
    allowed = {"Meetlat", "English", "Nederlands", "n"}
    for file in TEMPLATES.glob("*.html"):
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->", " ", file.read_text(), flags=re.S)
        text = re.sub(r"<[^>]+>", "\\n", text)
        words = {line.strip(" ().:·–,") for line in text.splitlines()} - {""}
        assert words <= allowed, (file.name, words - allowed)
