"""Times as the platforms write them, parsed to UTC, with errors a person can act on."""

from __future__ import annotations

from datetime import UTC, datetime

from meetlat.i18n import _
from meetlat.platforms.base import RecordError

V1_FORMAT = "%a %b %d %H:%M:%S %z %Y"  # X API v1.1: "Wed Oct 10 20:19:24 +0000 2018"


def parse_time(value, field: str = "created_at") -> datetime:
    """An ISO 8601 time (``2014-04-01T09:30:00Z``, with offset or fraction) or an X v1.1 time,
    as an aware UTC datetime. Raises RecordError naming the field and the expected form."""
    if isinstance(value, str) and value:
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            try:
                parsed = datetime.strptime(text, V1_FORMAT)
            except ValueError:
                parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                raise RecordError(
                    _(
                        'time "{value}" in {field} has no time zone (expected e.g. '
                        "2014-04-01T09:30:00Z)"
                    ).format(value=value, field=field)
                )
            return parsed.astimezone(UTC)
    raise RecordError(
        _('time "{value}" in {field} is not a date (expected e.g. 2014-04-01T09:30:00Z)').format(
            value=value, field=field
        )
    )
