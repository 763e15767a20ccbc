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

from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from meetlat.synth.accounts import Accounts
from meetlat.synth.compose import SYNTHETIC_BIO, Composer, FlatTexts
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
        self.listed = (accounts.followers // 200).tolist()
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
        self.flat = FlatTexts(composer)
        self.uid_text = [str(u) for u in self.uid]
        self.link_shown = [
            url[8:33] + "…" if len(url) - 8 > 26 else url[8:] for url in self.flat.links
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

    def write(self, batch: Batch, month: str) -> None:
        """Write one day's posts; ``month`` (YYYY-MM, local time) names the file."""
        n = len(batch["ms"])
        if n == 0:
            return
        at = self.flat.resolve(batch)
        kinds = batch["kind"].tolist()
        authors = batch["author"].tolist()
        targets = batch["target"].tolist()
        post_ids = batch["post_id"].tolist()
        conv_ids = batch["conv_id"].tolist()
        ref_ids = batch["ref_id"].tolist()
        emb_ids = batch["emb_id"].tolist()
        likes = batch["likes"].tolist()
        reposts = batch["reposts"].tolist()
        replies = batch["replies"].tolist()
        quotes = batch["quotes"].tolist()
        emb_reposts = batch["emb_reposts"].tolist()
        emb_likes = batch["emb_likes"].tolist()
        has_link = batch["link"].tolist()
        ms = batch["ms"].tolist()
        bodies = at["body"].tolist()
        shared = at["shared"].tolist()
        tags1 = at["tag1"].tolist()
        tags2 = at["tag2"].tolist()
        links = at["link"].tolist()
        tco = ((batch["post_id"] >> 4) & (TCO_CODES - 1)).tolist()
        created = _seconds(batch["ms"])
        emb_created = _seconds(batch["emb_ms"])
        texts, tags, link_urls, link_shown = (
            self.flat.texts,
            self.flat.tags,
            self.flat.links,
            self.link_shown,
        )
        handle, uid, codes = self.handle, self.uid_text, self.tco
        users, tweets, included, posted = self.users, self.tweets, self.included, self.posted
        for (
            authors_i,
            bodies_i,
            conv_ids_i,
            created_i,
            emb_created_i,
            emb_ids_i,
            emb_likes_i,
            emb_reposts_i,
            has_link_i,
            kinds_i,
            likes_i,
            links_i,
            ms_i,
            post_ids_i,
            quotes_i,
            ref_ids_i,
            replies_i,
            reposts_i,
            shared_i,
            tags1_i,
            tags2_i,
            targets_i,
            tco_i,
        ) in zip(
            authors,
            bodies,
            conv_ids,
            created,
            emb_created,
            emb_ids,
            emb_likes,
            emb_reposts,
            has_link,
            kinds,
            likes,
            links,
            ms,
            post_ids,
            quotes,
            ref_ids,
            replies,
            reposts,
            shared,
            tags1,
            tags2,
            targets,
            tco,
            strict=True,
        ):
            kind = kinds_i
            author = authors_i
            target = targets_i
            post_id = post_ids_i
            retweets = reposts_i
            if kind == REPOST:
                name = handle[target]
                original = texts[shared_i]
                text = f"RT @{name}: {original}"
                if len(text) > RT_LIMIT:
                    text = text[: RT_LIMIT - 1] + "…"
                entities = (
                    f'"entities":{{"mentions":[{{"start":3,"end":{4 + len(name)},'
                    f'"username":"{name}","id":"{uid[target]}"}}]}},'
                )
                refs = f'"referenced_tweets":[{{"type":"retweeted","id":"{emb_ids_i}"}}],'
                retweets = emb_reposts_i
                included.append(
                    f'{{"id":"{emb_ids_i}","text":"{original}","author_id":"{uid[target]}",'
                    f'"created_at":"{emb_created_i}.000Z","conversation_id":"{emb_ids_i}",'
                    f'"lang":"nl","public_metrics":{{"retweet_count":{emb_reposts_i},'
                    f'"reply_count":0,"like_count":{emb_likes_i},"quote_count":0}}}}'
                )
            else:
                body = texts[bodies_i]
                parts = []
                if kind == QUESTION or kind == ANSWER:
                    name = handle[target]
                    text = f"@{name} {body}"
                    parts.append(
                        f'"mentions":[{{"start":0,"end":{len(name) + 1},"username":"{name}",'
                        f'"id":"{uid[target]}"}}]'
                    )
                else:
                    text = body
                first = tags1_i
                if first >= 0:
                    tag = tags[first]
                    start = len(text) + 1
                    text = f"{text} #{tag}"
                    found = f'{{"start":{start},"end":{len(text)},"tag":"{tag}"}}'
                    second = tags2_i
                    if second >= 0:
                        tag = tags[second]
                        start = len(text) + 1
                        text = f"{text} #{tag}"
                        found += f',{{"start":{start},"end":{len(text)},"tag":"{tag}"}}'
                    parts.append(f'"hashtags":[{found}]')
                if has_link_i:
                    if kind == QUOTE:
                        url = f"https://twitter.com/{handle[target]}/status/{emb_ids_i}"
                        shown = url[8:33] + "…"
                    else:
                        url = link_urls[links_i]
                        shown = link_shown[links_i]
                    short = codes[tco_i]
                    start = len(text) + 1
                    text = f"{text} {short}"
                    parts.append(
                        f'"urls":[{{"start":{start},"end":{len(text)},"url":"{short}",'
                        f'"expanded_url":"{url}","display_url":"{shown}"}}]'
                    )
                entities = '"entities":{' + ",".join(parts) + "}," if parts else ""
                if kind == ANSWER or kind == SELF_REPLY:
                    refs = (
                        f'"referenced_tweets":[{{"type":"replied_to","id":"{ref_ids_i}"}}],'
                        f'"in_reply_to_user_id":"{uid[target]}",'
                    )
                elif kind == QUOTE:
                    refs = f'"referenced_tweets":[{{"type":"quoted","id":"{emb_ids_i}"}}],'
                    included.append(
                        f'{{"id":"{emb_ids_i}","text":"{texts[shared_i]}",'
                        f'"author_id":"{uid[target]}","created_at":"{emb_created_i}.000Z",'
                        f'"conversation_id":"{emb_ids_i}","lang":"nl","public_metrics":'
                        f'{{"retweet_count":{emb_reposts_i},"reply_count":0,'
                        f'"like_count":{emb_likes_i},"quote_count":0}}}}'
                    )
                else:
                    refs = ""
            if not tweets:
                self.first_id = post_id
                self.first_month = month
            tweets.append(
                f'{{"id":"{post_id}","text":"{text}","author_id":"{uid[author]}",'
                f'"created_at":"{created_i}.000Z","conversation_id":"{conv_ids_i}",'
                f'"lang":"nl",{refs}{entities}"public_metrics":{{"retweet_count":{retweets},'
                f'"reply_count":{replies_i},"like_count":{likes_i},"quote_count":{quotes_i}}},'
                '"reply_settings":"everyone","possibly_sensitive":false}'
            )
            users[author] = None
            if target >= 0:
                users[target] = None
            posted[author] += 1
            if len(tweets) == PAGE_SIZE:
                self.last_id = post_id
                self.last_ms = ms_i
                self._page()
                users, tweets, included = self.users, self.tweets, self.included
        if tweets:
            self.last_id = post_ids[-1]
            self.last_ms = ms[-1]

    def _page(self) -> None:
        retrieved_ms = self.last_ms + 300_000
        share = min(1.0, max(0.0, (retrieved_ms - self.start_ms) / self.span))
        head, base, g = self.user_head, self.followers, self.growth
        following, posted, listed = self.following, self.posted, self.listed
        users = [
            f'{head[a]}"public_metrics":{{"followers_count":{int(base[a] * (1 + g[a] * share))},'
            f'"following_count":{following[a]},"tweet_count":{posted[a]},'
            f'"listed_count":{listed[a]}}}}}'
            for a in self.users
        ]
        includes = '"users":[' + ",".join(users) + "]"
        if self.included:
            includes += ',"tweets":[' + ",".join(self.included) + "]"
        retrieved = datetime.fromtimestamp(retrieved_ms // 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S")
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
