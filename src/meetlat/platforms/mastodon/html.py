"""Plain text and links of a Mastodon status's HTML ``content``.

Mastodon sends the text of a status as HTML: paragraphs (``<p>``), line breaks
(``<br>``), links, and mention or hashtag links (class ``mention``/``hashtag``). The
text becomes paragraphs separated by a blank line and ``<br>`` a newline. A long link
is split by Mastodon into invisible and ellipsis spans; all of their text is kept, so
the full address stays in the text. Links that are not mentions or hashtags are the
post's ``urls`` (their ``href``, which is the full address).
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.paragraphs = 0

    def handle_starttag(self, tag, attrs):
        if tag == "p":
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

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(content: str) -> tuple[str, list[str]]:
    """The plain text of ``content`` and the addresses of its ordinary links."""
    collector = _Collector()
    collector.feed(content)
    collector.close()
    return "".join(collector.parts).strip(), collector.links
