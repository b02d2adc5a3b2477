# Two commands on a fresh machine: `make lab` and `make test`. `make demo` runs the teacher pipeline headless.
# The first run creates .venv and installs the project into it; later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# JupyterLab refuses to start as root unless told; CI and containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test demo check lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/ruff check source tests datasets/scripts $(wildcard benchmarks)
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

demo: $(STAMP)
	$(BIN)/peacetalks demo $(DEMO_ARGS)

check: $(STAMP)
	$(BIN)/peacetalks check

lint: $(STAMP)
	$(BIN)/ruff check source tests datasets/scripts $(wildcard benchmarks)

bench: $(STAMP)
	$(BIN)/python benchmarks/autograde_speed.py

clean:
	rm -rf release submitted autograded feedback gradebook.db demo-course test-artifacts
