# deckgen: `make demo` builds the demo deck, `make test` runs every check. Both set up .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck pytest fuzz system-deps bench bench-deck bench-scale docs-images clean

# The run-time install; re-done when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[watch]'
	touch $@

# The test install: the same plus the `test` extra (pytest, hypothesis, mypy, ruff).
$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/deckgen demo -o out

# LibreOffice (render tests, previews), poppler (PDF → PNG) and Carlito, the metric twin of
# the theme font Calibri: installed when missing and we are root (CI, fresh machines).
system-deps:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
	    && fc-list 2>/dev/null | grep -qi carlito; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	        --no-install-recommends libreoffice-impress poppler-utils fonts-crosextra-carlito; \
	else \
	    echo "missing: LibreOffice, poppler-utils or the Carlito font; install them with" >&2; \
	    echo "  sudo apt-get install --no-install-recommends libreoffice-impress poppler-utils fonts-crosextra-carlito" >&2; \
	    exit 1; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test system-deps
	$(BIN)/pytest -q

test: lint typecheck pytest

# The robustness fuzzers with 20 times the examples of `make test` (tests/robustness/conftest.py).
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/robustness/test_fuzz.py \
	    --hypothesis-show-statistics

# `deckgen metrics` against the bare `git log` (the floor), with credit trailers and with
# components and lines against their own floors (issue 14), then a full 13-slide deck of 45 small
# repositories cold, unchanged, after a title edit, and `build --watch` (`make bench-deck` alone);
# `make bench-scale` builds a full deck for a 1M-commit repository and for 50 repositories of 20k
# commits: time, peak memory, progress.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/metrics.py --commits 100000
	$(BIN)/python benchmarks/metrics.py --repos 45 --commits 64000
	$(BIN)/python benchmarks/metrics.py --commits 1000000
	$(BIN)/python benchmarks/credits.py --commits 100000
	$(BIN)/python benchmarks/changes.py --commits 100000
	$(BIN)/python benchmarks/deck.py

bench-deck: $(VENV)/.installed-test
	$(BIN)/python benchmarks/deck.py

bench-scale: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scale.py

# The README picture is the demo of a fixed day, so that it changes only when the deck does.
DOCS_AS_OF := 2026-12-01
docs-images: $(VENV)/.installed
	$(BIN)/deckgen demo -o out --as-of $(DOCS_AS_OF)
	$(BIN)/python -m deckgen.preview out/demo.pptx -o out/preview --dpi 50
	cp out/preview/contact-sheet.png docs/images/contact-sheet.png

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
