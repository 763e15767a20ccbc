"""Facebook "Download your information" (DYI) posts: ``your_posts_1.json``, ``your_posts_2.json``, ...

What Facebook writes (JSON format of the export): a JSON array with one object per post
the account published::

    [{"timestamp": 1709547900,
      "attachments": [{"data": [{"external_context": {"url": "https://..."}},
                                {"media": {"uri": "your_facebook_activity/posts/media/...",
                                           "creation_timestamp": 1709547890, ...}}]}],
      "data": [{"post": "Vanaf vandaag ..."}, {"update_timestamp": 1709548000}],
      "title": "Gemeente Voorbeeld heeft een link gedeeld."}]

The file sits in ``your_facebook_activity/posts/`` (exports since 2024; also named
``your_posts__check_ins__photos_and_videos_1.json``) or ``posts/`` (older exports). Every
element of the array is one record (``item`` its position).

Facebook writes the export's texts as mojibake: every byte of the UTF-8 text is escaped
as a character of its own (``"\\u00c3\\u00a9"`` for "é"). ``repair`` turns such a text back
into what was written; a text that is not of that kind is left as it is.

How a post maps:

- The export gives no post id. ``post_id`` is ``dyi-<timestamp>-<hash>``: the posting time
  and the first 16 hex digits of the sha256 of the (repaired) text, title and links, so
  the same post in a later export of the same account is the same post. (A post read from
  the Graph API has Facebook's own id: the same post read both ways is stored twice.)
- ``timestamp`` (Unix seconds) → created_at; ``data[].post`` → text; links in the text
  and ``attachments[].data[].external_context.url``; hashtags found in the text.
- Kind: a post whose title says it shares someone's post (English "shared a post" or
  "shared <name>'s post"; Dutch "heeft een bericht gedeeld" or "heeft het bericht van
  <name> gedeeld") is a repost without text of its own, a quote with it (the original is
  not in the export). Every other post is an original.
- The export holds the account's own posts only: no comments of others, no metrics.

The account. The posts do not name their author: it is the account that downloaded the
export, named in ``profile_information.json`` (``profile_v2``: ``name.full_name``,
``username``, ``profile_uri``, ``registration_timestamp``), in
``personal_information/profile_information/`` (since 2024) or ``profile_information/``
(older), found from the posts file's folder inside the same export folder or zip. Its
account id and handle are the ``username`` (else the last part of ``profile_uri``): the
export does not give Facebook's numeric id, and the username is the name the accounts
registry uses. Without that file the posts cannot be counted for anyone: the file is
then set aside whole, as one record whose reason says which file is expected (import the
whole export, folder or zip, instead).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from meetlat.i18n import _
from meetlat.platforms.base import Canonical, RawRecord, Reader, RecordError, Source, readers
from meetlat.platforms.facebook import common
from meetlat.platforms.facebook.common import PLATFORM
from meetlat.platforms.jsonsource import json_values
from meetlat.platforms.rows import account_row
from meetlat.platforms.shape import record_object, wrong

# Where profile_information.json is, seen from the folder of the posts file.
PROFILE_FILES = (
    "../../personal_information/profile_information/profile_information.json",  # 2024 on
    "../profile_information/profile_information.json",  # older exports
    "profile_information.json",
)
# A DYI post starts with one of these keys (Facebook writes "timestamp" first).
_HEAD = re.compile(rb'^\s*\[\s*\{\s*"(timestamp|attachments|data|title|tags)"\s*:')
SHARED = re.compile(
    r"\bshared (a|an|\S+'s?) (post|memory|reel|video)\b"
    r"|\bheeft (een|het) (bericht|herinnering|reel|video)( van .+)? gedeeld\b",
    re.IGNORECASE,
)


def repair(text: str) -> str:
    """A text of the export as it was written: Facebook escapes every byte of UTF-8 as a
    character of its own (U+0000–U+00FF). A text with a character above U+00FF, or whose
    characters are not the bytes of valid UTF-8, is left as it is."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@dataclass(frozen=True)
class Profile:
    """The account an export belongs to."""

    account_id: str
    display_name: str | None
    created_at: datetime | None


def read_profile(data: bytes | None) -> Profile | None:
    """The account of a ``profile_information.json``, or None when it is missing or does
    not name one."""
    if data is None:
        return None
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    profile = value.get("profile_v2", value.get("profile")) if type(value) is dict else None
    if type(profile) is not dict:
        return None
    username = profile.get("username")
    if type(username) is not str or not username:
        uri = profile.get("profile_uri")
        username = uri.rstrip("/").rsplit("/", 1)[-1] if type(uri) is str and uri else None
    if not username or username.startswith("profile.php"):
        return None  # no username: the export does not name the account
    name = profile.get("name")
    full_name = name.get("full_name") if type(name) is dict else None
    registered = profile.get("registration_timestamp")
    return Profile(
        account_id=repair(username).lower(),
        display_name=repair(full_name) if type(full_name) is str else None,
        created_at=datetime.fromtimestamp(registered, UTC)
        if type(registered) is int and registered > 0
        else None,
    )


def find_profile(source: Source) -> Profile | None:
    for name in PROFILE_FILES:
        profile = read_profile(source.beside(name))
        if profile is not None:
            return profile
    return None


@readers.register("facebook-dyi")
class FacebookDownloadPosts(Reader):
    """Facebook "Download your information" posts (your_posts_1.json)."""

    platform = PLATFORM
    title = 'Facebook "Download your information" posts (your_posts_*.json)'

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if not _HEAD.match(head) or b'"timestamp"' not in head:
            return False
        return not any(key in head for key in (b'"created_time"', b'"created_at"', b'"id_str"'))

    def records(self, source: Source) -> Iterator[RawRecord]:
        profile = find_profile(source)
        if profile is None:
            with source.open() as handle:
                data = handle.read()
            yield RawRecord(
                line=1,
                raw=data,
                error=_(
                    "the account of these posts is not known: the export names it in "
                    "personal_information/profile_information/profile_information.json, "
                    "which is not beside this file (import the whole export, folder or zip)"
                ),
            )
            return
        for record in json_values(source):  # the elements of the array, or its pieces
            record.context = profile
            yield record

    def canonical(self, record: RawRecord) -> Canonical:
        post = record_object(record.value, lambda: _("a post of the Facebook export"))
        profile: Profile = record.context
        stamp = post.get("timestamp")
        if type(stamp) is not int or stamp <= 0:
            raise RecordError(
                _('field "timestamp" is {found} (expected Unix seconds)').format(
                    found=orjson.dumps(stamp).decode()
                )
            )
        created_at = datetime.fromtimestamp(stamp, UTC)
        text = None
        for part in _objects(post, "data"):
            if type(part.get("post")) is str:
                text = repair(part["post"]) or None
                break
        title = post.get("title")
        title = repair(title) if type(title) is str else None
        links = []
        for attachment in _objects(post, "attachments"):
            for item in _objects(attachment, "data", "attachments"):
                context = item.get("external_context")
                if type(context) is dict and type(context.get("url")) is str:
                    links.append(repair(context["url"]))
        shared = bool(title and SHARED.search(title))
        kind = ("quote" if text else "repost") if shared else "original"
        digest = hashlib.sha256(
            orjson.dumps([text, title, links], option=orjson.OPT_SORT_KEYS)
        ).hexdigest()
        post_id = f"dyi-{stamp}-{digest[:16]}"
        out = Canonical()
        out.posts.append(
            common.post(
                post_id=post_id,
                account_id=profile.account_id,
                handle=profile.account_id,
                created_at=created_at,
                text=text,
                links=links,
                kind=kind,
                conversation_id=post_id,
            )
        )
        if record.item == 1:
            out.accounts.append(
                account_row(
                    platform=PLATFORM,
                    account_id=profile.account_id,
                    handle=profile.account_id,
                    display_name=profile.display_name,
                    created_at=profile.created_at,
                )
            )
        return out


def _objects(obj: dict, key: str, where: str = "") -> list[dict]:
    value = obj.get(key)
    if value is None:
        return []
    field = f"{where}.{key}" if where else key
    if type(value) is not list:
        raise wrong(field, _("a list of objects"))
    if any(type(item) is not dict for item in value):
        raise wrong(field, _("a list of objects"))
    return value
