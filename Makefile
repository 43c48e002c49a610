# The README's two commands: `make lab` (set up, open the course) and `make test` (set up, run
# every test). Everything is installed into .venv (and the test's JavaScript tools into
# node_modules) by these targets; nothing else is needed but Python 3.11+ for `make lab`, and
# for `make test` also Node 18+ with npm and Debian's chromium (`.ci/run` installs them).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# `make test`: the engine with its test extra and the course; `make lab`: the engine and the
# course only (what a learner installs: no test stack), with a stamp of its own.
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab
# esbuild and TypeScript, pinned in package.json / package-lock.json (npm ci installs exactly those).
JS_STAMP := node_modules/.installed
# Wheels for tests/test_offline_course.py's offline install (pip --no-index): the engine's runtime
# requirements and a scaffolded course's test requirements, fetched from the package index here.
WHEELHOUSE := build/wheelhouse
WHEEL_STAMP := $(WHEELHOUSE)/.filled
START  := notebooks/00-start.ipynb
# Jupyter refuses to run as root (containers, CI machines) unless told to.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup wheelhouse engine lab test lint typecheck jscheck js i18n unit browser hub bench screenshots schema clean

setup: $(STAMP) $(WHEEL_STAMP)

## Fill build/wheelhouse/ (see WHEELHOUSE above); `make setup` and `make test` do.
wheelhouse: $(WHEEL_STAMP)

$(WHEEL_STAMP): pyproject.toml recall_widgets/publishing/scaffold_template/pyproject.toml.tmpl | $(STAMP)
	mkdir -p $(WHEELHOUSE)
	$(BIN)/python tests/test_offline_course.py > $(WHEELHOUSE)/requirements.txt
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELHOUSE) -r $(WHEELHOUSE)/requirements.txt
	touch $(WHEEL_STAMP)

$(STAMP): pyproject.toml course/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' -e course/
	touch $(STAMP)

$(LAB_STAMP): pyproject.toml course/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . -e course/
	touch $(LAB_STAMP)

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

## Open the course in JupyterLab (on 127.0.0.1 only).
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) $(if $(wildcard $(START)),$(START),notebooks/)

## Lint, format check, type checks (Python, JavaScript), then every test (unit, notebooks, real
## browser; tests/widgets/test_frontend_bundles.py rebuilds the widget bundles to check they are current).
test: $(STAMP) $(WHEEL_STAMP) lint typecheck jscheck
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

## The JSDoc types of the widgets' modules (recall_widgets/widgets/frontend/src/ and the course's
## course/flask_course/assets/src/), checked by tsc --checkJs.
jscheck: $(JS_STAMP)
	npm run --silent typecheck

## Rebuild the widgets' committed bundles (recall_widgets/widgets/frontend/<widget>.js) from frontend/src/,
## and the course's (course/flask_course/assets/cookie_inspector.js, npm run build:course).
js: $(JS_STAMP)
	npm run --silent build

## The translations (docs/translating.md): extract every domain's strings (Python and JavaScript)
## into its .pot, update each language's .po, compile the JSON the widgets read. A domain is a
## Babel mapping file, <package>/locale/<domain>.cfg (the engine's, and any course's).
I18N_DOMAINS := $(wildcard recall_widgets/i18n/locale/*.cfg course/*/locale/*.cfg)
i18n: $(STAMP)
	$(BIN)/python -m recall_widgets.i18n.build $(I18N_DOMAINS)

unit: $(STAMP) $(JS_STAMP)
	$(BIN)/pytest -m "not browser"

browser: $(STAMP)
	$(BIN)/pytest -m browser

## The hub tests alone: a real local JupyterHub (configurable-http-proxy from node_modules) and
## a real PostgreSQL (run as the postgres user), one of each for the run (tests/hub/).
hub: $(STAMP) $(JS_STAMP)
	$(BIN)/pytest -m hub tests/hub

## The engine's tests alone: no course's tests, notebooks or Flask needed.
engine: $(STAMP) $(JS_STAMP)
	$(BIN)/pytest tests -m "not course" --ignore=tests/course --ignore=tests/browser/test_samesite_browser.py

## Benchmarks print their figures; they are never run as tests.
bench: $(STAMP)
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_widgets.py
	$(BIN)/python bench/bench_static.py
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_pulse.py
	$(BIN)/python bench/bench_hub.py

## Refresh the screenshots the README shows (the browser tests save them to build/screenshots).
README_SHOTS := where-notebook7 where-voila where-static course-02-cookie-inspector course-01-flashcards course-03-quiz course-05-recall \
	course-03-replay-demo course-02-tampering-demo quiz-dark flashcards-back-dark course-06-review \
	course-01-prediction course-03-fixation-demo course-04-csrf-demo pulse-light pulse-projector-dark
screenshots: $(STAMP)
	$(BIN)/pytest -m browser
	mkdir -p docs/images
	for shot in $(README_SHOTS); do cp build/screenshots/$$shot.png docs/images/; done
	cp build/screenshots/course-06-dashboard.png docs/images/dashboard.png

## Regenerate content/deck.schema.json from the model.
schema: $(STAMP)
	$(BIN)/recall-widgets schema --out content/deck.schema.json

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
