# Kōbai — the two commands of the README are `make serve` and `make test`.
# Everything installs into .venv in this checkout; every target is safe to run again.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install system-deps serve site figures test test-fast bench clean

help:
	@echo "make serve    set up, build figures, serve http://127.0.0.1:8000 with live reload"
	@echo "make test     set up (venv, Chromium, CJK font) and run every test"
	@echo "make site     static build into site/ (mkdocs build --strict)"
	@echo "make figures  train/draw stale figures (python -m figgen)"
	@echo "make bench    run the benchmark scripts"
	@echo "make clean    remove build outputs and caches (keeps .venv)"

# torch is pinned (pyproject.toml) and installed first, as its CPU build: a wheel already at hand
# (pip's configured find-links) is taken as is, without asking any index; otherwise it comes from
# PyTorch's CPU index. PyPI's torch of the same version is a multi-GB CUDA build. For CUDA,
# install torch yourself into .venv first (see README), then run make: an installed torch stays.
TORCH_VERSION := $(shell sed -n 's/.*"torch==\([0-9.]*\)".*/\1/p' pyproject.toml)
TORCH_INDEX   ?= https://download.pytorch.org/whl/cpu

# The venv is rebuilt only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -c "import torch" 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --no-index --no-deps "torch==$(TORCH_VERSION)" 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --no-deps "torch==$(TORCH_VERSION)" --index-url $(TORCH_INDEX)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Node tools of the tests and benchmarks (package.json): axe-core for the browser tests, Lighthouse
# for benchmarks/lighthouse.py. The site itself ships none of them.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "the browser tests need Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# Browser tests need Debian's Chromium and a CJK font; install them when we can (root + apt).
system-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qiE 'IPAexGothic|Noto Sans CJK'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and a Japanese font (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipaexfont-gothic >/dev/null; \
	else echo "browser tests need /usr/bin/chromium and a CJK font: sudo apt-get install chromium fonts-ipaexfont-gothic" >&2; exit 1; fi

figures: $(STAMP)
	$(BIN)/python -m figgen

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/python -m figgen
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP) system-deps
	$(BIN)/python -m pytest

# The unit tests: no Chromium, no site build, no training (the `slow` and `browser` markers).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow"

bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@status=0; for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || status=1; done; exit $$status

clean:
	rm -rf site build .cache test-artifacts .pytest_cache .hypothesis
