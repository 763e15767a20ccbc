# Meetlat — the commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast test-web-postgres test-spark bench lint docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e ".[spark]" --group dev
	touch $(STAMP)

demo: install
	$(BIN)/python -m meetlat.cli.demo

test: install
	$(BIN)/python -m pytest -q

# the web application's tests again on PostgreSQL: MEETLAT_DATABASE_URL=postgres://...
# (.ci/postgres starts a throwaway cluster and prints its address)
test-web-postgres: install
	test -n "$$MEETLAT_DATABASE_URL" || { echo "set MEETLAT_DATABASE_URL (see .ci/postgres)"; exit 2; }
	$(BIN)/python -m pytest -q tests/web

test-fast: install
	$(BIN)/python -m pytest -q -m "not spark and not slow and not browser"

bench: install
	$(BIN)/python -m bench.run

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

docs: install
	$(BIN)/meetlat docs cli > docs/cli.md

clean:
	rm -rf $(VENV) meetlat-data .pytest_cache
