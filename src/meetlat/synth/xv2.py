# ruff: noqa: UP031  (JSON templates full of braces read best with %-formatting, and it is fast)
"""X API v2 pages as twarc2 writes them: one JSON object per line, up to 100 tweets each.

A page is ``{"data": [...], "includes": {"users": [...], "tweets": [...]}, "meta": {...},
"__twarc": {...}}``. ``includes.users`` holds every author, mentioned and answered user
of the page with their public metrics at the time the page was retrieved (shortly after
its newest tweet, so follower counts grow during the period); ``includes.tweets`` holds
the reposted and quoted tweets. ``meta`` carries ``"synthetic": true``.

The JSON is written as text from pieces that need no escaping (the templates guarantee
it), which is several times faster than building dicts for a JSON library.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from meetlat.synth.accounts import Accounts
from meetlat.synth.compose import SYNTHETIC_BIO, Composer
from meetlat.synth.output import SplitFiles
from meetlat.synth.plan import ANSWER, QUESTION, QUOTE, REPOST, SELF_REPLY, Batch

PAGE_SIZE = 100
PAGES_PER_FILE = 2_000
TWARC_VERSION = "2.14.0"
TCO_CODES = 1 << 16
RT_LIMIT = 140
SEARCH_URL = (
    "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id"
    "%2Creferenced_tweets.id%2Centities.mentions.username&tweet.fields=author_id%2C"
    "conversation_id%2Ccreated_at%2Centities%2Cid%2Cin_reply_to_user_id%2Clang%2C"
    "public_metrics%2Creferenced_tweets%2Ctext&user.fields=created_at%2Cdescription%2Cid"
    "%2Clocation%2Cname%2Cpublic_metrics%2Cusername&max_results=100"
)

TWEET = (
    '{"id":"%d","text":"%s","author_id":"%d","created_at":"%s.000Z",'
    '"conversation_id":"%d","lang":"nl",%s%s"public_metrics":{"retweet_count":%d,'
    '"reply_count":%d,"like_count":%d,"quote_count":%d},"reply_settings":"everyone",'
    '"possibly_sensitive":false}'
)
EMBEDDED = (
    '{"id":"%d","text":"%s","author_id":"%d","created_at":"%s.000Z",'
    '"conversation_id":"%d","lang":"nl","public_metrics":{"retweet_count":%d,'
    '"reply_count":0,"like_count":%d,"quote_count":0}}'
)
USER_METRICS = (
    '"public_metrics":{"followers_count":%d,"following_count":%d,"tweet_count":%d,'
    '"listed_count":%d}}'
)


def _seconds(ms: np.ndarray) -> list[str]:
    return np.datetime_as_string(ms.astype("datetime64[ms]"), unit="s").tolist()


class XPages:
    """Writes planned posts as twarc2 pages into ``<out>/posts/``."""

    def __init__(self, folder: Path, accounts: Accounts, composer: Composer, start_ms, end_ms):
        self.files = SplitFiles(folder, "x-v2", PAGES_PER_FILE)
        self.acc = accounts
        self.c = composer
        self.start_ms = start_ms
        self.span = max(1, end_ms - start_ms)
        self.handle = accounts.handle
        self.uid = accounts.user_id.tolist()
        self.followers = accounts.followers.tolist()
        self.growth = accounts.growth.tolist()
        self.following = accounts.following.tolist()
        self.posted = accounts.posts_before.tolist()
        created = _seconds(accounts.created_ms)
        self.user_head = [
            '{"id":"%d","name":"%s","username":"%s","created_at":"%s.000Z","description":"%s",'
            '"location":"%s","protected":false,"verified":false,"url":"",'
            % (
                self.uid[a],
                accounts.display_name[a],
                self.handle[a],
                created[a],
                SYNTHETIC_BIO,
                accounts.places[accounts.place[a]].name,
            )
            for a in range(len(accounts))
        ]
        rng = np.random.default_rng(12345)
        alphabet = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
        self.tco = [
            "https://t.co/" + "".join(row)
            for row in alphabet[rng.integers(0, len(alphabet), (TCO_CODES, 10))]
        ]
        self.tweets: list[str] = []
        self.users: dict[int, None] = {}
        self.included: list[str] = []
        self.first_id = 0
        self.last_id = 0
        self.last_ms = 0
        self.first_month = ""
        self.pages = 0
        self.count = 0

    def write(self, batch: Batch) -> None:
        n = len(batch["ms"])
        if n == 0:
            return
        cols = {name: values.tolist() for name, values in batch.items()}
        created = _seconds(batch["ms"])
        emb_created = _seconds(batch["emb_ms"])
        c, uid = self.c, self.uid
        place_of = c.place_of
        for i in range(n):
            kind = cols["kind"][i]
            author = cols["author"][i]
            target = cols["target"][i]
            post_id = cols["post_id"][i]
            refs = ""
            if kind == REPOST:
                text, entities = self._repost(cols, i, emb_created[i])
                refs = '"referenced_tweets":[{"type":"retweeted","id":"%d"}],' % cols["emb_id"][i]
            else:
                text, entities = self._text(cols, i, kind, author, target, place_of)
                if kind == ANSWER or kind == SELF_REPLY:
                    refs = (
                        '"referenced_tweets":[{"type":"replied_to","id":"%d"}],'
                        '"in_reply_to_user_id":"%d",' % (cols["ref_id"][i], uid[target])
                    )
                elif kind == QUOTE:
                    refs = '"referenced_tweets":[{"type":"quoted","id":"%d"}],' % cols["emb_id"][i]
                    self._embed(cols, i, emb_created[i])
            tweet = TWEET % (
                post_id,
                text,
                uid[author],
                created[i],
                cols["conv_id"][i],
                refs,
                entities,
                cols["reposts"][i] if kind != REPOST else cols["emb_reposts"][i],
                cols["replies"][i],
                cols["likes"][i],
                cols["quotes"][i],
            )
            if not self.tweets:
                self.first_id = post_id
                self.first_month = created[i][:7]
            self.tweets.append(tweet)
            self.users[author] = None
            if target >= 0:
                self.users[target] = None
            self.posted[author] += 1
            self.last_id = post_id
            self.last_ms = cols["ms"][i]
            if len(self.tweets) == PAGE_SIZE:
                self._page()

    def _text(self, cols, i, kind, author, target, place_of) -> tuple[str, str]:
        c = self.c
        body = c.body(kind, author, target, cols["text"][i])
        mentions = ""
        if kind == QUESTION or kind == ANSWER:
            name = self.handle[target]
            text = "@" + name + " " + body
            mentions = '"mentions":[{"start":0,"end":%d,"username":"%s","id":"%d"}]' % (
                len(name) + 1,
                name,
                self.uid[target],
            )
        else:
            text = body
        place = place_of[target] if kind == QUESTION else place_of[author]
        hashtags = []
        for code in (cols["tag1"][i], cols["tag2"][i]):
            tag = c.tag(code, place)
            if tag is not None:
                start = len(text) + 1
                text = text + " #" + tag
                hashtags.append('{"start":%d,"end":%d,"tag":"%s"}' % (start, len(text), tag))
        urls = ""
        if cols["link"][i]:
            if kind == QUOTE:
                target_url = "https://twitter.com/%s/status/%d" % (
                    self.handle[target],
                    cols["emb_id"][i],
                )
            else:
                target_url = c.link(place, cols["topic"][i])
            short = self.tco[cols["post_id"][i] >> 4 & (TCO_CODES - 1)]
            start = len(text) + 1
            text = text + " " + short
            display = target_url.split("://", 1)[1]
            if len(display) > 26:
                display = display[:25] + "…"
            urls = (
                '"urls":[{"start":%d,"end":%d,"url":"%s","expanded_url":"%s","display_url":"%s"}]'
                % (start, len(text), short, target_url, display)
            )
        parts = [p for p in (mentions, '"hashtags":[' + ",".join(hashtags) + "]", urls) if p]
        if not hashtags:
            parts = [p for p in (mentions, urls) if p]
        entities = '"entities":{' + ",".join(parts) + "}," if parts else ""
        return text, entities

    def _repost(self, cols, i, emb_created) -> tuple[str, str]:
        source = cols["target"][i]
        original = self.c.shared_body(source, cols["emb_text"][i])
        name = self.handle[source]
        text = "RT @" + name + ": " + original
        if len(text) > RT_LIMIT:
            text = text[: RT_LIMIT - 1] + "…"
        entities = '"entities":{"mentions":[{"start":3,"end":%d,"username":"%s","id":"%d"}]},' % (
            4 + len(name),
            name,
            self.uid[source],
        )
        self.included.append(
            EMBEDDED
            % (
                cols["emb_id"][i],
                original,
                self.uid[source],
                emb_created,
                cols["emb_id"][i],
                cols["emb_reposts"][i],
                cols["emb_likes"][i],
            )
        )
        return text, entities

    def _embed(self, cols, i, emb_created) -> None:
        source = cols["target"][i]
        self.included.append(
            EMBEDDED
            % (
                cols["emb_id"][i],
                self.c.shared_body(source, cols["emb_text"][i]),
                self.uid[source],
                emb_created,
                cols["emb_id"][i],
                cols["emb_reposts"][i],
                cols["emb_likes"][i],
            )
        )

    def _page(self) -> None:
        retrieved_ms = self.last_ms + 300_000
        share = min(1.0, max(0.0, (retrieved_ms - self.start_ms) / self.span))
        users = []
        for a in self.users:
            followers = int(self.followers[a] * (1 + self.growth[a] * share))
            users.append(
                self.user_head[a]
                + USER_METRICS % (followers, self.following[a], self.posted[a], followers // 200)
            )
        includes = '"users":[' + ",".join(users) + "]"
        if self.included:
            includes += ',"tweets":[' + ",".join(self.included) + "]"
        retrieved = _seconds(np.array([retrieved_ms]))[0]
        self.pages += 1
        line = (
            '{"data":[%s],"includes":{%s},"meta":{"newest_id":"%d","oldest_id":"%d",'
            '"result_count":%d,"next_token":"synth%08x","synthetic":true},'
            '"__twarc":{"url":"%s","version":"%s","retrieved_at":"%s+00:00"}}'
            % (
                ",".join(self.tweets),
                includes,
                self.last_id,
                self.first_id,
                len(self.tweets),
                self.pages,
                SEARCH_URL,
                TWARC_VERSION,
                retrieved,
            )
        )
        self.files.write(self.first_month, line)
        self.count += len(self.tweets)
        self.tweets = []
        self.users = {}
        self.included = []

    def close(self) -> list[Path]:
        if self.tweets:
            self._page()
        return self.files.close()
