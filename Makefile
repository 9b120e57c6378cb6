# Two commands set everything up on a fresh machine: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
# Let Python cache compiled modules: the tests start many interpreters, each of which would
# otherwise compile some 500 modules again (about a second apiece).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run install data notebooks figures report test lint lab lock dashboard bench bench-scale clean

run: install data notebooks figures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The locked versions, then the project itself (editable) with its extras.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

install: $(VENV)/.installed

data: install
	$(BIN)/python -m analysis build

# Execute each notebook in place, saved without widget state (see notebooks/README.md).
notebooks: data
	$(BIN)/python -m analysis.notebooks $(NOTEBOOKS)

figures: data
	$(BIN)/python -m analysis figures

report: data
	$(BIN)/python -m analysis.report build/report.html

lint: install
	$(BIN)/ruff check analysis tests benchmarks

test: lint data
	$(BIN)/pytest $(NBVAL) tests $(NOTEBOOKS)

lab: install data
	$(BIN)/jupyter lab --ip 127.0.0.1 --notebook-dir notebooks

dashboard: install data
	bash scripts/dashboard.sh

# Refresh the pinned versions from pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra scale --python-version 3.11 --no-header -o requirements.lock

# Speed and accuracy figures recorded in benchmarks/README.md (quantulum3 is installed for
# the extraction benchmark only).
bench: install data
	$(BIN)/python benchmarks/extract.py --install
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/notebooks.py
	$(BIN)/python benchmarks/import_time.py

# Builds synthetic corpora of 1,000 and 20,000 articles with both engines: tens of minutes.
bench-scale: install
	$(BIN)/python benchmarks/scale.py --sizes 1000 20000

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv build .pytest_cache
