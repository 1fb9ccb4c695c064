# c4console — the two commands: `make demo` and `make test`. Both install what they
# need on a fresh Debian 12 machine (system packages with apt-get, Python packages
# in .venv) and are safe to run again.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= var/demo

.PHONY: demo test bench fuzz lint translations forms system venv dist clean

system:
	bash packaging/install-system-deps.sh

$(STAMP): pyproject.toml setup.py packaging/debian-packages.txt
	bash packaging/install-system-deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[console,test,dist]'
	touch $(STAMP)

venv: $(STAMP)

translations: $(STAMP)
	$(BIN)/python -m c4console.gui.i18n_build

# The Qt Designer forms (ui/*.ui) compiled to c4console/gui/forms/ui_*.py: those
# missing or older than their .ui (the editable install above compiles them too).
forms: $(STAMP)
	$(BIN)/python -m c4console.gui.forms_build

demo: $(STAMP) forms translations
	bash packaging/run-demo.sh $(BIN)/c4console $(DATA)

lint: $(STAMP)
	$(BIN)/ruff check c4console tests
	$(BIN)/lint-imports

test: $(STAMP) forms translations lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP) forms translations
	$(BIN)/python -m benchmarks.run

# Each fuzz target of tests/fuzz for FUZZ_SECONDS (make test runs them briefly); found cases
# are saved, shrunk, in tests/fuzz/corpus/ and replayed by make test once committed.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	C4_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -q -p no:cacheprovider --timeout=0 tests/fuzz

# The PyInstaller bundles (dist/bundles/) and the .deb packages (dist/*.deb).
dist: $(STAMP) forms translations
	$(BIN)/python packaging/dist.py --out dist

clean:
	rm -rf var .pytest_cache build dist
