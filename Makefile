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

.PHONY: run install browser data notebooks figures status report test lint lab lock dashboard bench bench-scale clean

# One line per step, then a summary. Without a Chromium (none found, and not root with
# apt-get to install Debian's) the PNGs are skipped and the summary says how to add them.
run: install browser data notebooks figures status

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

# The locked versions, then the project itself (editable) with its extras.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install -qq --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@
	@echo "install: $(VENV) with the locked packages"

install: $(VENV)/.installed

# Finds a Chromium for PNG rendering; as root with apt-get it installs Debian's
# (ANALYSIS_INSTALL_BROWSER=0 skips that). Never fails: without one, PNGs are skipped.
browser: install
	@$(BIN)/python -m analysis browser

data: install
	@$(BIN)/python -m analysis build

# Execute each notebook in place, saved with a PNG of every chart and without widget state.
notebooks: data
	@$(BIN)/python -m analysis.publish.execute $(NOTEBOOKS)

figures: data
	@$(BIN)/python -m analysis figures

status: install
	@$(BIN)/python -m analysis status

report: data
	$(BIN)/python -m analysis.publish.report build/report.html

lint: install
	$(BIN)/ruff check --no-cache analysis tests benchmarks
	@out=$$($(BIN)/lint-imports --no-cache 2>&1) && echo "lint: import layers kept (pyproject.toml)" \
		|| { echo "$$out"; exit 1; }

test: lint data
	$(BIN)/pytest $(NBVAL) tests $(NOTEBOOKS)

# Kernels talk to the server over local sockets (IPC), so ipykernel has no unencrypted-TCP
# warning to print; the socket path is absolute because a kernel runs in its notebook's folder.
KERNEL_IPC := --KernelManager.transport=ipc --KernelManager.ip=$(CURDIR)/build/kernels/kernel

lab: install data
	@mkdir -p build/kernels
	$(BIN)/jupyter lab --ip 127.0.0.1 --notebook-dir notebooks $(KERNEL_IPC)

dashboard: install data
	bash scripts/dashboard.sh

# Refresh the pinned versions from pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra scale --python-version 3.11 --no-header -o requirements.lock

# Speed and accuracy figures recorded in benchmarks/README.md (quantulum3, Duckling and
# Recognizers-Text are installed for the extraction benchmark only).
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
