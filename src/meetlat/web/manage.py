"""Django's management commands for the web application: ``python -m meetlat.web.manage``.

A setting Meetlat cannot use and a database that cannot be reached end in one Dutch
sentence on stderr (exit 2 and 1), not in a traceback."""

import os
import sys

from meetlat import settings
from meetlat.i18n import _


def _database_target() -> str:
    """Where the database is, without its password."""
    from django.db import connection

    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return str(conf["NAME"])
    return f"{conf.get('HOST') or 'localhost'}:{conf.get('PORT') or 5432}/{conf.get('NAME')}"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetlat.web.config")
    from django.core.management import execute_from_command_line
    from django.db import Error as DatabaseError

    try:
        execute_from_command_line(["meetlat-web", *(sys.argv[1:] if argv is None else argv)])
    except settings.InvalidSetting as invalid:
        sys.stderr.write(
            "✗ "
            + _("{name} must be {expected}, not {value}.").format(
                name=invalid.name, expected=_(invalid.expected), value=invalid.value
            )
            + "\n"
        )
        sys.exit(2)
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(
            "✗ "
            + _(
                "The web application's database cannot be reached ({target}): {reason}. "
                "Check MEETLAT_DATABASE_URL and that the database server is running."
            ).format(target=_database_target(), reason=reason)
            + "\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
