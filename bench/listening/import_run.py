"""``meetlat`` run as a module, for the harness: ``python -m bench.listening.import_run
ARGS...`` is ``meetlat ARGS...`` (MEETLAT_HOME from the environment)."""

from __future__ import annotations

import sys

from meetlat.cli.main import main

if __name__ == "__main__":
    sys.argv = ["meetlat", *sys.argv[1:]]
    sys.exit(main())
