# Two entry points for a newcomer: `make book` builds the example book,
# `make test` runs every check CI runs. Both install what they need first.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test lint setup system-deps clean bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test,pdf]'
	touch $(STAMP)

setup: $(STAMP)

book: $(STAMP)
	$(BIN)/briefbook build --strict
	@echo "Open site/index.html, or run: $(BIN)/briefbook serve"

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/mypy generator

system-deps:
	scripts/system-deps.sh

test: $(STAMP) system-deps lint
	$(BIN)/pytest -q

clean:
	rm -rf site dist .pytest_cache .mypy_cache .ruff_cache

# Benchmark: synthetic books of 1 to 1,000 sources; saves bench/results.json.
bench: $(STAMP)
	$(BIN)/python bench/run.py --profile
