"""Django's management commands for the web application: ``python -m meetlat.web.manage``."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetlat.web.config")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["meetlat-web", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
