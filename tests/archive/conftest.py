import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "importer"))

from linesreader import lines_reader  # noqa: E402, F401  (the test-only reader fixture)
from mdtosample import sample_workspace  # noqa: E402


@pytest.fixture(scope="session")
def mdto_sample(tmp_path_factory):
    """The real X and Mastodon samples imported once for the export and search tests."""
    return sample_workspace(tmp_path_factory.mktemp("mdto"))
