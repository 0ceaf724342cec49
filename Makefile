# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast transformer-deps e2e-deps pg-deps lint check bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,web,train,ray]'
	touch $(STAMP)

install: $(STAMP)

# Analyse the bundled examples: results JSONL + self-contained HTML report in out/.
demo: install
	mkdir -p out
	$(BIN)/patiently analyze examples/conversations.jsonl examples/tickets.csv examples/transcript.txt \
		--out out/results.jsonl --report out/report.html
	@echo "open out/report.html in a browser"

# torch (the CPU build: `pip install torch==2.13.0` takes it from the machine's wheel store; an
# unpinned torch would pull a multi-GB CUDA build) and the finetune extra (the transformer and
# ONNX Runtime), for the tests of the transformer embedder and the fine-tuned heads. Not part of
# `make demo`.
TORCH_STAMP := $(VENV)/.transformer
$(TORCH_STAMP): $(STAMP)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[finetune]'
	touch $(TORCH_STAMP)

transformer-deps: $(TORCH_STAMP)

# Debian's chromium for the browser tests (tests/e2e, driven by the playwright package from the
# dev extra; `playwright install` is never needed). Quick no-op when it is there already.
CHROMIUM ?= /usr/bin/chromium
e2e-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
		else sudo apt-get update && sudo apt-get install -y chromium; fi; \
	fi

# A throwaway PostgreSQL cluster for the `postgres` tests: Debian's postgresql (installed when
# missing), a cluster in $(PG_DIR) owned by the postgres user, listening on 127.0.0.1:$(PG_PORT)
# only (trust auth: nothing else can reach it), and a database. Prints the URL for
# PATIENTLY_TEST_PG_URL. Quick no-op when it is running already.
PG_PORT ?= 55432
PG_DIR ?= /tmp/patiently-pg
PG_URL := postgresql://postgres@127.0.0.1:$(PG_PORT)/patiently_test
pg-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing postgresql for the postgres tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y postgresql; \
		else sudo apt-get update && sudo apt-get install -y postgresql; fi; \
	fi
	@set -e; bin=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); \
	if [ "$$(id -u)" = 0 ]; then as_pg="runuser -u postgres --"; else as_pg=""; fi; \
	if ! $$bin/pg_isready -q -h 127.0.0.1 -p $(PG_PORT); then \
		mkdir -p $(PG_DIR); [ -z "$$as_pg" ] || chown postgres: $(PG_DIR); \
		[ -f $(PG_DIR)/PG_VERSION ] || $$as_pg $$bin/initdb -D $(PG_DIR) -U postgres --auth=trust >/dev/null; \
		$$as_pg $$bin/pg_ctl -s -w -D $(PG_DIR) -l $(PG_DIR)/server.log \
			-o "-p $(PG_PORT) -k $(PG_DIR) -c listen_addresses=127.0.0.1 -c fsync=off" start; \
	fi; \
	$$bin/psql -q -h 127.0.0.1 -p $(PG_PORT) -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = 'patiently_test'" | grep -q 1 || \
		$$bin/createdb -h 127.0.0.1 -p $(PG_PORT) -U postgres patiently_test; \
	echo "$(PG_URL)"

# Every suite, slow, browser and PostgreSQL ones included (what CI runs; those fail rather than skip).
test: install transformer-deps e2e-deps pg-deps
	PATIENTLY_TRANSFORMER_REQUIRED=1 PATIENTLY_E2E_REQUIRED=1 PATIENTLY_CHROMIUM=$(CHROMIUM) PATIENTLY_PG_REQUIRED=1 PATIENTLY_TEST_PG_URL=$(PG_URL) \
		$(BIN)/python -m pytest -n 2 --dist loadgroup -m "slow or not slow"

# The fast default suite only.
test-fast: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

check: lint test

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
