"""Plain text and links of a Mastodon status's HTML ``content``.

Mastodon sends the text of a status as HTML: paragraphs (``<p>``), line breaks
(``<br>``), links, and mention or hashtag links (class ``mention``/``hashtag``). The
text becomes paragraphs separated by a blank line and ``<br>`` a newline. A long link
is split by Mastodon into invisible and ellipsis spans; all of their text is kept, so
the full address stays in the text. Links that are not mentions or hashtags are the
post's ``urls`` (their ``href``, which is the full address).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>")
_LINE_BREAK = re.compile(r"<br\s*/?>")
_PARAGRAPH = re.compile(r"</?p>")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.paragraphs = 0
        self.between_paragraphs = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.between_paragraphs = False
            if self.paragraphs:
                self.parts.append("\n\n")
            self.paragraphs += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            values = dict(attrs)
            classes = (values.get("class") or "").split()
            href = values.get("href")
            is_tag_or_mention = (
                "mention" in classes or "hashtag" in classes or values.get("rel") == "tag"
            )
            if href and not is_tag_or_mention:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "p":
            self.between_paragraphs = True

    def handle_data(self, data):
        if self.between_paragraphs and not data.strip():
            return  # layout whitespace between paragraphs is not text
        self.between_paragraphs = False
        self.parts.append(data)


def html_to_text(content: str) -> tuple[str, list[str]]:
    """The plain text of ``content`` and the addresses of its ordinary links."""
    simple = _simple_text(content)
    if simple is not None:
        return simple, []
    return parsed_text(content)


def _simple_text(content: str) -> str | None:
    """The text of content holding only paragraphs and line breaks (most statuses), the
    same as the parser gives but much faster; None when there are other tags."""
    text = _PARAGRAPH.sub("", _LINE_BREAK.sub("\n", _PARAGRAPH_BREAK.sub("\n\n", content)))
    if "<" in text:
        return None
    return unescape(text).strip()


def parsed_text(content: str) -> tuple[str, list[str]]:
    """The plain text and links of any content, through ``html.parser``."""
    collector = _Collector()
    collector.feed(content)
    collector.close()
    return "".join(collector.parts).strip(), collector.links
