# Motiver salgssjefen / Motivating the Sales Manager
#   make lab    create .venv if needed and open JupyterLab on the start module
#   make test   create .venv if needed and run every test (unit, notebooks, real browser)
# Nothing else is needed on a fresh clone: the environment is built from requirements.lock.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
COURSE_LANG ?= nb
LAB_ARGS ?=
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test test-fast test-browser env browser benchmarks student-versions handouts layouts clean lock

# Python may cache the course's own compiled modules (course_lib, tests) in __pycache__, even where
# the machine sets PYTHONDONTWRITEBYTECODE (this one does): every kernel, server and test process
# otherwise compiled course_lib's 24,000 lines again on start (importing the apps: 1.78 -> 1.44 s),
# and pytest rewrote every test module's asserts again in each worker (collecting: 13.8 -> 6.6 s).
# The test targets compile course_lib first (0.5 s, nothing when up to date), so that the processes
# starting at once do not each compile it.
export PYTHONDONTWRITEBYTECODE :=
COMPILE := $(BIN)/python -m compileall -q course_lib

env: $(STAMP)

# Rebuilt whenever the lock, the project metadata or this file change.
# --compile-bytecode writes every package's .pyc at install time: this machine sets
# PYTHONDONTWRITEBYTECODE, so without it every kernel, server and subprocess compiled pandas and
# matplotlib from source on each start (importing module 02's libraries: 5.4 s before, 1.8 s after).
$(STAMP): requirements.lock pyproject.toml Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
	  || { echo "uv unavailable; installing with pip (slower)"; touch $(VENV)/.no-uv; }
	@if [ -x $(BIN)/uv ]; then \
	  $(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements.lock && \
	  $(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e . ; \
	else \
	  $(BIN)/python -m pip install -q --compile -r requirements.lock && \
	  $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@touch $@
	@echo "environment ready in $(VENV)"

lab: $(STAMP)
	@case "$(COURSE_LANG)" in nb|en) ;; *) echo "COURSE_LANG must be nb or en, got '$(COURSE_LANG)'" >&2; exit 2;; esac
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.app_settings_dir="$(CURDIR)/etc/lab/$(COURSE_LANG)" $(LAB_ARGS) \
	  notebooks/$(COURSE_LANG)/00_start_here.ipynb

browser:
	@bash scripts/ensure-chromium

# Unit tests, doctests and every exercise notebook (nbval, with the number audit) on two cores;
# then the real-browser tests on two cores, which run every module notebook in JupyterLab in both
# languages. Each module notebook is executed once, there: the browser tests save it and apply
# nbval's checks to its outputs (no error, and the number audit in Norwegian).
# The browser tests of one notebook share one run of it: --dist loadgroup keeps them on one worker
# (groups set in tests/browser/conftest.py).
# KEEP_ORDER: hand out files and groups in collection order, which puts the longest first (the root
# conftest.py and tests/support.grouped_order); xdist's default sorts them by their number of tests,
# which left the one-test hub and make-lab files (35 and 13 s) for the end, one worker idle meanwhile.
KEEP_ORDER := --no-loadscope-reorder
test: $(STAMP) browser
	@$(COMPILE)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile $(KEEP_ORDER) -m "not browser" tests --doctest-modules course_lib \
	  --nbval-lax --nbval-current-env exercises -p no:cacheprovider --durations=15
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup $(KEEP_ORDER) -m browser tests/browser -p no:cacheprovider --durations=15

test-fast: $(STAMP)
	@$(COMPILE)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile $(KEEP_ORDER) -m "not browser" tests --doctest-modules course_lib -p no:cacheprovider

test-browser: $(STAMP) browser
	@$(COMPILE)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup $(KEEP_ORDER) -m browser tests/browser -p no:cacheprovider

benchmarks: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

student-versions: $(STAMP)
	$(BIN)/course student-versions

handouts: $(STAMP)
	$(BIN)/python scripts/handouts.py

# After changing anything in course_lib: the figure layouts a new kernel starts from (about 1 minute).
layouts: $(STAMP)
	$(BIN)/python scripts/build_layouts.py

# Re-resolve the lock after changing dependencies in pyproject.toml.
# rfc3987-syntax (and lark, which only it needs) is left out: jsonschema loads it when present, to
# check the "iri" string format nothing here uses, and it builds a grammar at import, about 2
# CPU-seconds in every Jupyter server, Voilà, nbclient and pytest process (JupyterLab's imports:
# 3.2 -> 1.1 s without it). Kernels already skip it (course_lib/schemas.py).
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra hub --python-version 3.11 \
	  --no-emit-package rfc3987-syntax --no-emit-package lark -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

# A JupyterHub for a workshop on this machine (run as root; docs/HUB.md). HUB_ARGS="--ip 0.0.0.0" for a classroom network.
HUB_ARGS ?=
.PHONY: hub
hub: $(STAMP)
	@bash scripts/ensure-proxy
	@bash scripts/hub-env >/dev/null
	@bash deploy/hub/start $(HUB_ARGS)
