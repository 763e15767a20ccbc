"""The ``meetlat`` command. Each module here adds one command group through ``register(app)``."""
