# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast e2e-deps lint check bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,web,train]'
	touch $(STAMP)

install: $(STAMP)

# Analyse the bundled examples: results JSONL + self-contained HTML report in out/.
demo: install
	mkdir -p out
	$(BIN)/patiently analyze examples/conversations.jsonl examples/tickets.csv examples/transcript.txt \
		--out out/results.jsonl --report out/report.html
	@echo "open out/report.html in a browser"

# Debian's chromium for the browser tests (tests/e2e, driven by the playwright package from the
# dev extra; `playwright install` is never needed). Quick no-op when it is there already.
CHROMIUM ?= /usr/bin/chromium
e2e-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
		else sudo apt-get update && sudo apt-get install -y chromium; fi; \
	fi

# Every suite, slow and browser ones included (what CI runs; the browser tests fail rather than skip).
test: install e2e-deps
	PATIENTLY_E2E_REQUIRED=1 PATIENTLY_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n 2 -m "slow or not slow"

# The fast default suite only.
test-fast: install
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

check: lint test

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
