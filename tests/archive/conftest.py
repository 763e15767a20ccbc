import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "importer"))

from linesreader import lines_reader  # noqa: E402, F401  (the test-only reader fixture)
