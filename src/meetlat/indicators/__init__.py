"""The indicators: the registered figures (registry.py, one module per family, found
through catalog.py) and the engine that measures them (engine.py). Importing the package
loads the catalog, so every indicator and source is registered before any is used."""

from meetlat.indicators import catalog as catalog  # noqa: F401  (registers every family)
