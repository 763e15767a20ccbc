"""The mapping of archived posts to the selectielijst: waardering, bewaartermijn,
informatiecategorie and beperking gebruik of every MDTO record (``meetlat.archive.mdto``).

The default is ``data/selectielijst.toml`` (documented there); a workspace replaces it
with ``<workspace>/reference/selectielijst.toml``. A mapping is a list of rules tried in
order; the first whose conditions fit a record decides, and the last rule has none.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from meetlat.i18n import _

DEFAULT = Path(__file__).parent / "data" / "selectielijst.toml"
WORKSPACE_FILE = Path("reference") / "selectielijst.toml"
LEVELS = ("post", "conversation", "series")
AUTHORS = ("public", "citizen")
ROLES = ("corporate", "council", "theme", "executive", "other")
KINDS = ("original", "reply", "repost", "quote")
VALUATIONS = {"B": "Blijvend te bewaren", "V": "Tijdelijk te bewaren"}
DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")
CONDITIONS = ("level", "author", "role", "kind")
FIELDS = {*CONDITIONS, "valuation", "retention", "category", "category_code", "restriction",
          "restriction_note"}  # fmt: skip


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    number: int  # 1-based, in the file
    level: tuple[str, ...]
    author: tuple[str, ...]
    role: tuple[str, ...]
    kind: tuple[str, ...]
    valuation: str  # B or V
    retention: str | None  # ISO 8601 duration
    category: str
    category_code: str | None
    restriction: str
    restriction_note: str | None

    def fits(self, level: str, author: str, role: str | None, kind: str | None) -> bool:
        return (
            (not self.level or level in self.level)
            and (not self.author or author in self.author)
            and (not self.role or role in self.role)
            and (not self.kind or kind in self.kind)
        )


@dataclass(frozen=True)
class Mapping:
    file: Path
    selectielijst: str
    restriction_list: str
    rules: tuple[Rule, ...]

    def rule(self, level: str, author: str, role: str | None = None,
             kind: str | None = None) -> Rule:  # fmt: skip
        for rule in self.rules:
            if rule.fits(level, author, role, kind):
                return rule
        raise AssertionError("the last rule of a checked mapping fits every record")


def end_date(start: date, duration: str) -> date:
    """``start`` plus an ISO 8601 duration of years, months and days."""
    years, months, days = (int(part or 0) for part in DURATION.match(duration).groups())
    month = start.month - 1 + months
    year, month = start.year + years + month // 12, month % 12 + 1
    day = start.day
    while True:  # 31 January plus a month: the last day of February
        try:
            shifted = date(year, month, day)
            break
        except ValueError:
            day -= 1
    return date.fromordinal(shifted.toordinal() + days)


def mapping_file(root: Path, given: Path | None = None) -> Path:
    """The mapping in use: ``given``, else the workspace's own, else the default."""
    if given is not None:
        return Path(given)
    own = Path(root) / WORKSPACE_FILE
    return own if own.exists() else DEFAULT


def load(file: Path) -> Mapping:
    """Read and check a mapping file; MappingError names the first problem."""
    file = Path(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise MappingError(
            _("The mapping file {file} does not exist.").format(file=file)
        ) from error
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MappingError(
            _("The mapping file {file} cannot be read: {reason}").format(file=file, reason=error)
        ) from error
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise MappingError(_("The mapping file {file} has no [[rule]].").format(file=file))
    checked = tuple(_rule(file, number, rule) for number, rule in enumerate(rules, start=1))
    last = checked[-1]
    if last.level or last.author or last.role or last.kind:
        raise MappingError(
            _("The last rule of {file} has conditions: it must fit every record.").format(file=file)
        )
    return Mapping(
        file,
        str(data.get("selectielijst") or "Selectielijst gemeenten en intergemeentelijke organen"),
        str(data.get("restriction_list") or "Meetlat beperkingen gebruik"),
        checked,
    )


def _problem(file: Path, number: int, text: str) -> MappingError:
    return MappingError(_("{file}, rule {number}: {problem}").format(
        file=file, number=number, problem=text))  # fmt: skip


def _choices(file, number, rule, name, allowed) -> tuple[str, ...]:
    value = rule.get(name)
    if value is None:
        return ()
    values = (value,) if isinstance(value, str) else tuple(value)
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise _problem(file, number, _("{name} = {value} is not one of {allowed}.").format(
            name=name, value=", ".join(map(str, wrong)), allowed=", ".join(allowed)))  # fmt: skip
    return values


def _rule(file: Path, number: int, rule) -> Rule:
    if not isinstance(rule, dict):
        raise _problem(file, number, _("a rule must be a table."))
    unknown = sorted(set(rule) - FIELDS)
    if unknown:
        raise _problem(file, number, _("unknown key {key}.").format(key=", ".join(unknown)))
    valuation = rule.get("valuation")
    if valuation not in VALUATIONS:
        raise _problem(file, number, _("valuation must be B or V."))
    retention = rule.get("retention") or None
    if retention is not None and not (isinstance(retention, str) and DURATION.match(retention)
                                      and retention != "P"):  # fmt: skip
        raise _problem(file, number, _("retention {value} is not a duration such as P10Y.").format(
            value=retention))  # fmt: skip
    if valuation == "V" and retention is None:
        raise _problem(file, number, _("valuation V needs a retention such as P10Y."))
    for name in ("category", "restriction"):
        if not str(rule.get(name) or "").strip():
            raise _problem(file, number, _("{name} is missing.").format(name=name))
    return Rule(
        number,
        _choices(file, number, rule, "level", LEVELS),
        _choices(file, number, rule, "author", AUTHORS),
        _choices(file, number, rule, "role", ROLES),
        _choices(file, number, rule, "kind", KINDS),
        valuation,
        retention,
        str(rule["category"]).strip(),
        str(rule.get("category_code") or "").strip() or None,
        str(rule["restriction"]).strip(),
        str(rule.get("restriction_note") or "").strip() or None,
    )
