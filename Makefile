# Two commands: `make run` (set up, migrate, load the demo, serve) and `make test` (set up, check, test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/erqi

.PHONY: install run serve test test-sqlite test-postgres test-faults lint migrations-check pg-db bench-search bench-http fixture node_modules bench-import

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

# What production needs, without the test tools (make serve).
$(BIN)/.installed-app: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

# Test-only npm tools (axe-core for tests/axe.py), installed from the npm registry by name.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node_modules: node_modules/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_if_empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: gunicorn (erqi/gunicorn.conf.py) with debug off, static files through WhiteNoise.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; see README.md "Running it in production".
serve: export DJANGO_DEBUG = 0
serve: $(BIN)/.installed-app
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn -c erqi/gunicorn.conf.py erqi.wsgi

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint migrations-check test-sqlite test-postgres test-faults

test-sqlite: install node_modules
	$(BIN)/pytest

# The PostgreSQL run fails loudly when no server answers: it never skips.
pg-db:
	psql "$(PG_URL)" -c 'select 1' >/dev/null 2>&1 || \
	  psql "$(dir $(PG_URL))postgres" -c 'create database erqi' 

# It also keeps the cache, the login limiter and the rate limits in Redis, on a db number of
# its own (every test has its own key prefix, tests/conftest.py; nothing is flushed, the Redis
# may be shared); like PostgreSQL, a Redis that does not answer fails the run.
REDIS_TEST_URL ?= redis://127.0.0.1:6379/9
test-postgres: install node_modules pg-db
	@$(BIN)/python -c 'import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()' '$(REDIS_TEST_URL)' \
	  || { echo "test-postgres: no Redis at $(REDIS_TEST_URL) (.ci/run starts one)"; exit 1; }
	REDIS_URL=$(REDIS_TEST_URL) DATABASE_URL=$(PG_URL) $(BIN)/pytest

# Faults (tests/faults/, docs/operations.md): a PostgreSQL cluster, a redis-server and gunicorn
# of the tests' own, stopped and killed on purpose; once (not per database), about 2 minutes.
test-faults: install
	$(BIN)/pytest -m faults tests/faults

# Regenerate the demo dataset fixtures/erqi.json from fixtures/sources/, then the 人民帮办 demo
# fixtures/help/erqi.json that refers to its venues and matters (both deterministic), and the
# 一件事 guides fixtures/life/erqi.json (fixtures/build_life.py).
fixture: install
	$(BIN)/python fixtures/build.py
	$(BIN)/python fixtures/build_life.py
	$(BIN)/python services/benefits/fixtures/build.py
	$(BIN)/python fixtures/build_help.py
	$(BIN)/python services/outreach/fixtures/build.py

# Search quality (dev set, next to a naive baseline) and API latency at 1×, 10× and 100× the
# demo catalogue, each on its own SQLite file under bench-data/ (never db.sqlite3). The files
# are built on first use (100×: a few minutes) and rebuilt when the demo fixture changes.
bench-data/.fixture-stamp: fixtures/erqi.json
	mkdir -p bench-data
	rm -f bench-data/search-*.sqlite3
	touch $@

bench-search: install bench-data/.fixture-stamp
	DATABASE_URL=sqlite:///bench-data/search-1x.sqlite3 $(BIN)/python manage.py bench_search --scale 1
	DATABASE_URL=sqlite:///bench-data/search-10x.sqlite3 $(BIN)/python manage.py bench_search --scale 10
	DATABASE_URL=sqlite:///bench-data/search-100x.sqlite3 $(BIN)/python manage.py bench_search --scale 100

# HTTP throughput of the production server (gunicorn, 2 workers, debug off) with wrk, each page
# and API next to a constant "floor" view, warm and cold; see docs/benchmarks.md. SCALE=100 for
# the 100× catalogue; DATABASE_URL=postgres://… for PostgreSQL; REDIS_URL to cache in Redis.
SCALE ?= 1

bench-http: install bench-data/.fixture-stamp
	@command -v wrk >/dev/null || { echo "bench-http needs wrk: apt-get install -y wrk"; exit 1; }
	DATABASE_URL=$${DATABASE_URL:-sqlite:///bench-data/search-$(SCALE)x.sqlite3} $(BIN)/python manage.py bench_http --scale $(SCALE)

# How fast and in how little memory the import reads or refuses hostile and honest files
# (no database; figures in docs/benchmarks.md).
bench-import: install
	$(BIN)/python manage.py bench_import
