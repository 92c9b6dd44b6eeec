# Two entry points do all set-up on a fresh machine:
#   make demo   - install into .venv, then harvest the bundled sample sites into data/demo.sqlite
#   make test   - install into .venv (with test tools), then run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pywb (the replay server the archive tests run) pins redis 2.x, which the distributed
# extra cannot share a venv with; it gets one of its own.
PYWB_VENV ?= .venv-pywb

.PHONY: demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(PYWB_VENV)/bin/.installed:
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYWB_VENV)/bin/python -m pip install --quiet 'pywb>=2.8'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/crawler demo

test: $(BIN)/.installed $(PYWB_VENV)/bin/.installed
	CRAWLER_PYWB_BIN=$(PYWB_VENV)/bin $(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(PYWB_VENV) data build *.egg-info
