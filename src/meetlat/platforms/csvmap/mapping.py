"""The column mapping of a CSV export: which column holds what, and how to read it.

A mapping is a small TOML file::

    tool = "Coosto"                 # for messages only
    platform = "x"                  # the platform of every row, or map a column (below)
    delimiter = ";"                 # default ","
    encoding = "utf-8-sig"          # default utf-8-sig (UTF-8, with or without BOM)

    [columns]                       # field = "column name in the header row"
    post_id = "ID"                  # or leave out and give url (X and Mastodon ids are
    url = "URL"                     #   read from the post's address)
    created_at = "Datum"
    handle = "Auteur"               # or account_id, or both
    text = "Bericht"
    in_reply_to = "Reactie op"      # id (or address) of the post answered
    followers = "Volgers"
    kind = "Type"                   # values mapped through [values.kind]
    platform = "Bron"               # values mapped through [values.platform]
    # also: account_id, display_name, language, in_reply_to_account, repost_of,
    # quote_of, conversation_id, observed_at, likes, reposts, replies, quotes, views

    [time]
    format = "%d-%m-%Y %H:%M"       # strptime format; leave out for ISO 8601
    zone = "Europe/Amsterdam"       # time zone of times written without an offset

    [values.kind]                   # cell (any case) = original | reply | repost | quote
    reactie = "reply"

Where it is found, for ``DIR/export.csv``: ``DIR/export.csv.mapping.toml``, then
``DIR/export.mapping.toml`` (the file's own mapping: always used), then
``DIR/meetlat-mapping.toml`` (the folder's: used when its columns are all in the header
row); else a built-in mapping (``data/*.mapping.toml``: Coosto-like, OBI4wan-like) whose
columns all appear in the header row. A folder can so hold exports of several tools.
"""

from __future__ import annotations

import codecs
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from meetlat.i18n import _
from meetlat.warehouse.schema import PLATFORMS, POST_KINDS

BUILT_IN = Path(__file__).parent / "data"
FIELDS = (
    "post_id",
    "url",
    "created_at",
    "account_id",
    "handle",
    "display_name",
    "text",
    "language",
    "kind",
    "platform",
    "in_reply_to",
    "in_reply_to_account",
    "repost_of",
    "quote_of",
    "conversation_id",
    "observed_at",
    "followers",
    "likes",
    "reposts",
    "replies",
    "quotes",
    "views",
)
TOP_KEYS = {"tool", "platform", "delimiter", "encoding", "columns", "time", "values"}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Mapping:
    name: str  # where it came from, for messages: a path or "built-in Coosto"
    columns: dict[str, str]  # field → column name
    platform: str | None = None
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    time_format: str | None = None
    zone: ZoneInfo | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field → cell → value

    def fits(self, header: list[str]) -> bool:
        """True when every mapped column is in ``header`` (case and spaces aside)."""
        names = {_fold(cell) for cell in header}
        return all(_fold(column) in names for column in self.columns.values())


def _fold(name: str) -> str:
    return name.strip().casefold()


def _problem(name: str, detail: str) -> MappingError:
    return MappingError(_("column mapping {name}: {detail}").format(name=name, detail=detail))


def load(path: Path, name: str | None = None) -> Mapping:
    name = name or str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _problem(name, _("not valid TOML ({detail})").format(detail=exc)) from exc
    return parse(data, name)


def parse(data: dict, name: str) -> Mapping:
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise _problem(name, _("unknown setting {keys}").format(keys=", ".join(unknown)))
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise _problem(name, _("a [columns] table is needed"))
    bad = sorted(k for k in columns if k not in FIELDS)
    if bad:
        raise _problem(
            name,
            _("unknown field {fields} in [columns] (known: {known})").format(
                fields=", ".join(bad), known=", ".join(FIELDS)
            ),
        )
    if any(not isinstance(v, str) or not v.strip() for v in columns.values()):
        raise _problem(name, _("every field in [columns] needs a column name as text"))
    platform = data.get("platform")
    if platform is not None and platform not in PLATFORMS:
        raise _problem(
            name,
            _("platform {value} is not one of {allowed}").format(
                value=platform, allowed=", ".join(PLATFORMS)
            ),
        )
    if platform is None and "platform" not in columns:
        raise _problem(name, _("give platform, or a platform column in [columns]"))
    if "created_at" not in columns:
        raise _problem(name, _("the created_at column is needed"))
    if "post_id" not in columns and "url" not in columns:
        raise _problem(name, _("a post_id or url column is needed"))
    if "handle" not in columns and "account_id" not in columns:
        raise _problem(name, _("a handle or account_id column is needed"))
    delimiter = data.get("delimiter", ",")
    if delimiter == "\\t":
        delimiter = "\t"
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise _problem(name, _("delimiter must be one character"))
    encoding = data.get("encoding", "utf-8-sig")
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError) as exc:
        raise _problem(name, _("unknown encoding {value}").format(value=encoding)) from exc
    if "a\n".encode(encoding)[-2:] != b"a\n":
        raise _problem(
            name,
            _("encoding {value} is not supported (use UTF-8 or a one-byte encoding)").format(
                value=encoding
            ),
        )
    time = data.get("time", {})
    if not isinstance(time, dict):
        raise _problem(name, _("[time] must be a table"))
    zone = None
    if time.get("zone"):
        try:
            zone = ZoneInfo(time["zone"])
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise _problem(name, _("unknown time zone {value}").format(value=time["zone"])) from exc
    values = data.get("values", {})
    checked: dict[str, dict[str, str]] = {}
    for key, allowed in (("kind", POST_KINDS), ("platform", PLATFORMS)):
        table = values.get(key, {}) if isinstance(values, dict) else None
        if not isinstance(table, dict):
            raise _problem(name, _("[values.{key}] must be a table").format(key=key))
        for cell, value in table.items():
            if value not in allowed:
                raise _problem(
                    name,
                    _("[values.{key}] {cell} = {value} is not one of {allowed}").format(
                        key=key, cell=cell, value=value, allowed=", ".join(allowed)
                    ),
                )
        checked[key] = {_fold(cell): value for cell, value in table.items()}
    return Mapping(
        name=name,
        columns={k: v.strip() for k, v in columns.items()},
        platform=platform,
        delimiter=delimiter,
        encoding=encoding,
        time_format=time.get("format") or None,
        zone=zone,
        values=checked,
    )


FOLDER_MAPPING = "meetlat-mapping.toml"


def beside(source_name: str) -> Path | None:
    """The mapping file next to the CSV file ``source_name``, if there is one: the file's
    own (``export.csv.mapping.toml`` or ``export.mapping.toml``), else the folder's."""
    path = Path(source_name)
    if not path.is_file():  # a member of a zip, or not a path at all
        return None
    names = [path.name + ".mapping.toml"]
    plain = path.name[: -len(".gz")] if path.name.endswith(".gz") else path.name
    names += [plain + ".mapping.toml", Path(plain).stem + ".mapping.toml", FOLDER_MAPPING]
    for candidate_name in dict.fromkeys(names):
        candidate = path.with_name(candidate_name)
        if candidate.is_file():
            return candidate
    return None


def built_ins() -> list[Mapping]:
    return [
        load(path, _("built-in {tool}").format(tool=path.name.split(".")[0]))
        for path in sorted(BUILT_IN.glob("*.mapping.toml"))
    ]
