# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint check bench clean

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

# Every suite, slow ones included (what CI runs).
test: install
	$(BIN)/python -m pytest -n 2 -m "slow or not slow"

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
