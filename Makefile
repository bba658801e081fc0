# Everything a fresh machine needs is installed by these targets themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TS     := $(wildcard resources/translations/*.ts)
QM     := $(TS:.ts=.qm)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-slow lint typecheck pytest sysdeps translations screenshots package installer bench clean

run: $(STAMP) translations
	$(VENV)/bin/testimonio

test: $(STAMP) translations lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench packaging

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# `make test` leaves out the tests marked slow (kill -9 loops, fuzzers);
# `make test-slow` runs only those, and .ci/run runs both.
# The tests start the program in a few hundred child processes; with no
# bytecode written (PYTHONDONTWRITEBYTECODE above), each would compile every
# module it imports again. Compiled once here, they only read it.
pytest: $(STAMP) translations
	$(PY) -m compileall -q src
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -n 2 -p no:cacheprovider -m "not slow"

test-slow: $(STAMP) translations
	$(PY) -m compileall -q src
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -n 2 -p no:cacheprovider -m slow

# Shared libraries Qt needs even offscreen; installed from Debian when missing.
sysdeps:
	@if ! $(PYTHON) packaging/check_sysdeps.py; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	      libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
	      libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core >/dev/null; \
	  else echo "Install Qt's system libraries (see docs/install.md)"; fi; \
	fi

$(STAMP): pyproject.toml constraints.txt
	$(MAKE) sysdeps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev,package]'
	touch $(STAMP)

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m testimonio.gui.screenshots screenshots --all

package: $(STAMP) translations
	$(PY) packaging/build.py

# The Linux installer (dist/testimonio_<version>_<arch>.deb) from the package
# built by `make package` (built first when dist/testimonio is missing), and
# the Windows installer script compiled against a stand-in payload when NSIS
# is installed (the real Windows installer is built on Windows: docs/install.md).
installer: $(STAMP) translations
	@test -x dist/testimonio/testimonio || $(MAKE) package
	$(PY) packaging/deb.py
	@if command -v makensis >/dev/null; then $(PY) packaging/windows/build_nsis.py --stand-in; \
	else echo "makensis not found: the Windows installer script was not compiled"; fi

# Every bench script, then the table of figure -> target -> met (bench/run_all.py).
bench: $(STAMP) translations
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build dist $(QM)
