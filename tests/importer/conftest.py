from linesreader import lines_reader  # noqa: F401  (the test-only reader fixture)
