# ruff: noqa: UP031  (JSON templates full of braces read best with %-formatting, and it is fast)
"""Mastodon API statuses, one JSON object per line, as an instance's API returns them.

Municipal accounts and local organisations live on ``social.overheid.nl`` (the Dutch
government's instance; their ``acct`` is the bare username), citizens on ``mastodon.nl``
(``acct`` is ``user@mastodon.nl``). A status carries its ``account`` object (with
followers at the time of the status), ``in_reply_to_id``, ``mentions``, ``tags``, HTML
``content``, the reposted status in ``reblog`` and a quoted one in ``quote``, and the
extra key ``"synthetic": true``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from meetlat.synth.accounts import CITIZEN, Accounts
from meetlat.synth.compose import SYNTHETIC_BIO, Composer
from meetlat.synth.output import SplitFiles
from meetlat.synth.plan import ANSWER, QUESTION, QUOTE, REPOST, SELF_REPLY, Batch

LOCAL = "social.overheid.nl"
REMOTE = "mastodon.nl"
STATUSES_PER_FILE = 200_000

STATUS = (
    '{"id":"%d","created_at":"%sZ","in_reply_to_id":%s,"in_reply_to_account_id":%s,'
    '"sensitive":false,"spoiler_text":"","visibility":"public","language":%s,'
    '"uri":"%s","url":"%s","replies_count":%d,"reblogs_count":%d,"favourites_count":%d,'
    '"quotes_count":%d,"edited_at":null,"content":"%s","reblog":%s,"application":null,'
    '"account":%s,"media_attachments":[],"mentions":[%s],"tags":[%s],"emojis":[],'
    '"card":null,"poll":null,"quote":%s,"synthetic":true}'
)


def _millis(ms: np.ndarray) -> list[str]:
    return np.datetime_as_string(ms.astype("datetime64[ms]"), unit="ms").tolist()


class MastodonStatuses:
    """Writes planned posts as Mastodon statuses into ``<out>/posts/``."""

    def __init__(self, folder: Path, accounts: Accounts, composer: Composer, start_ms, end_ms):
        self.files = SplitFiles(folder, "mastodon", STATUSES_PER_FILE)
        self.c = composer
        self.start_ms = start_ms
        self.span = max(1, end_ms - start_ms)
        self.handle = accounts.handle
        self.followers = accounts.followers.tolist()
        self.growth = accounts.growth.tolist()
        self.following = accounts.following.tolist()
        self.posted = accounts.posts_before.tolist()
        # Mastodon account ids are snowflakes of the account's creation time.
        ids = (accounts.created_ms << 16) + (np.arange(len(accounts)) & 0xFFFF)
        self.aid = ids.tolist()
        created = _millis(accounts.created_ms)
        self.domain = [REMOTE if k == CITIZEN else LOCAL for k in accounts.kind.tolist()]
        self.acct = [
            h if d == LOCAL else f"{h}@{d}" for h, d in zip(self.handle, self.domain, strict=True)
        ]
        self.account_head = [
            '{"id":"%d","username":"%s","acct":"%s","display_name":"%s","locked":false,'
            '"bot":false,"discoverable":true,"group":false,"created_at":"%sZ","note":"<p>%s</p>",'
            '"url":"https://%s/@%s","uri":"https://%s/users/%s",'
            % (
                self.aid[a],
                self.handle[a],
                self.acct[a],
                accounts.display_name[a],
                created[a][:10] + "T00:00:00.000",
                SYNTHETIC_BIO,
                self.domain[a],
                self.handle[a],
                self.domain[a],
                self.handle[a],
            )
            for a in range(len(accounts))
        ]
        self.count = 0

    def _account(self, a: int, ms: int) -> str:
        share = min(1.0, max(0.0, (ms - self.start_ms) / self.span))
        followers = int(self.followers[a] * (1 + self.growth[a] * share))
        return self.account_head[a] + (
            '"followers_count":%d,"following_count":%d,"statuses_count":%d,"emojis":[],"fields":[]}'
            % (followers, self.following[a], self.posted[a])
        )

    def _urls(self, a: int, status_id: int) -> tuple[str, str]:
        d, h = self.domain[a], self.handle[a]
        return f"https://{d}/users/{h}/statuses/{status_id}", f"https://{d}/@{h}/{status_id}"

    def _mention(self, a: int) -> tuple[str, str]:
        d, h = self.domain[a], self.handle[a]
        html = (
            '<span class=\\"h-card\\"><a href=\\"https://%s/@%s\\" class=\\"u-url mention\\">'
            "@<span>%s</span></a></span>" % (d, h, h)
        )
        entry = '{"id":"%d","username":"%s","url":"https://%s/@%s","acct":"%s"}' % (
            self.aid[a],
            h,
            d,
            h,
            self.acct[a],
        )
        return html, entry

    def _shared(self, cols, i, emb_created: str) -> str:
        """The reposted or quoted status (an organisation's or municipality's)."""
        source = cols["target"][i]
        emb_id = cols["emb_id"][i]
        uri, url = self._urls(source, emb_id)
        body = self.c.shared_body(source, cols["emb_text"][i])
        return STATUS % (
            emb_id,
            emb_created,
            "null",
            "null",
            '"nl"',
            uri,
            url,
            0,
            cols["emb_reposts"][i],
            cols["emb_likes"][i],
            0,
            "<p>" + body + "</p>",
            "null",
            self._account(source, cols["emb_ms"][i]),
            "",
            "",
            "null",
        )

    def write(self, batch: Batch, month: str) -> None:
        """Write one day's posts; ``month`` (YYYY-MM, local time) names the file."""
        n = len(batch["ms"])
        if n == 0:
            return
        cols = {name: values.tolist() for name, values in batch.items()}
        created = _millis(batch["ms"])
        emb_created = _millis(batch["emb_ms"])
        c = self.c
        for i in range(n):
            kind = cols["kind"][i]
            author = cols["author"][i]
            target = cols["target"][i]
            status_id = cols["post_id"][i]
            uri, url = self._urls(author, status_id)
            reply_to = reply_account = "null"
            reblog = quote = "null"
            mentions = tags = ""
            language = '"nl"'
            if kind == REPOST:
                content = ""
                language = "null"
                reblog = self._shared(cols, i, emb_created[i])
            else:
                body = c.body(kind, author, target, cols["text"][i])
                if kind == QUESTION or kind == ANSWER:
                    html, mentions = self._mention(target)
                    body = html + " " + body
                place = c.subject_place(kind, author, target)
                tag_entries = []
                for code in (cols["tag1"][i], cols["tag2"][i]):
                    tag = c.tag(code, place)
                    if tag is not None:
                        body += (
                            ' <a href=\\"https://%s/tags/%s\\" class=\\"mention hashtag\\" '
                            'rel=\\"tag\\">#<span>%s</span></a>' % (LOCAL, tag.lower(), tag)
                        )
                        tag_entries.append(
                            '{"name":"%s","url":"https://%s/tags/%s"}'
                            % (tag.lower(), LOCAL, tag.lower())
                        )
                tags = ",".join(tag_entries)
                if cols["link"][i] and kind != QUOTE:
                    link = c.link(place, cols["topic"][i])
                    body += (
                        ' <a href=\\"%s\\" rel=\\"nofollow noopener\\" target=\\"_blank\\">%s</a>'
                        % (link, link.split("://", 1)[1])
                    )
                content = "<p>" + body + "</p>"
                if kind == ANSWER or kind == SELF_REPLY:
                    reply_to = '"%d"' % cols["ref_id"][i]
                    reply_account = '"%d"' % self.aid[target]
                elif kind == QUOTE:
                    quote = '{"state":"accepted","quoted_status":%s}' % self._shared(
                        cols, i, emb_created[i]
                    )
            status = STATUS % (
                status_id,
                created[i],
                reply_to,
                reply_account,
                language,
                uri,
                url,
                cols["replies"][i],
                cols["reposts"][i],
                cols["likes"][i],
                cols["quotes"][i],
                content,
                reblog,
                self._account(author, cols["ms"][i]),
                mentions,
                tags,
                quote,
            )
            self.posted[author] += 1
            self.files.write(month, status)
            self.count += 1

    def close(self) -> list[Path]:
        return self.files.close()
