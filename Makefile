# KAM — the two commands of the README, and a few more.
#   make demo   set up a virtual environment, a SQLite database with demo data, and serve the app
#   make test   run the linter and the whole test suite
#   make bench  the benchmark at company scale (PostgreSQL; see README, "Benchmark")
# Needs Python 3.12 or newer; PYTHON=/path/to/python overrides the search.

SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
VPY := $(VENV)/bin/python

# The first Python >= 3.12 among: $PYTHON, python3.13, python3.12, python3, pyenv's versions.
PYTHON ?= $(shell \
	for c in python3.13 python3.12 python3 $$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
		if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
			command -v $$c; break; \
		fi; \
	done)

.PHONY: demo test lint venv clean check-python messages bench bench-compare

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "KAM needs Python 3.12 or newer, and none was found (tried python3.13, python3.12, python3, pyenv)."; \
		echo "Install one, or name it: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "$(PYTHON) is older than 3.12."; exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt | check-python
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: check-python $(VENV)/.installed

demo: venv
	$(VPY) manage.py migrate --no-input
	$(VPY) manage.py seed_demo
	@# Reminders due in the demo data show under the bell at once; their e-mails go to the worker's queue.
	@mkdir -p var/tasks/processed var/tasks/control
	TASK_QUEUE_DIR="$(CURDIR)/var/tasks" KAM_BASE_URL="http://127.0.0.1:$(PORT)" $(VPY) manage.py scan_reminders
	@echo
	@echo "KAM is starting on http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	@echo "Demo logins, all with the password 'demo':"
	@echo "  kam1 kam2 kam3 kam4   account managers"
	@echo "  director              head of sales (all regions)"
	@echo "  director2             regional sales director (the demo's three regions)"
	@echo "  logistics finance production   department members"
	@echo "  admin                 administrator (also /admin/)"
	@echo "Background work (reminders, briefing packs) runs in a Celery worker beside the server,"
	@echo "through a file-system queue in var/tasks: no broker to install."
	@echo
	@export TASK_QUEUE_DIR="$(CURDIR)/var/tasks" KAM_BASE_URL="http://127.0.0.1:$(PORT)"; \
	$(VPY) -m celery -A kam worker --beat --pool=solo --loglevel=WARNING \
		--schedule="$(CURDIR)/var/celerybeat-schedule" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VPY) manage.py runserver 127.0.0.1:$(PORT)

lint: venv
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

test: venv
	$(VPY) -m ruff check .
	$(VPY) -m pytest $(PYTEST_ARGS)

# The benchmark runs on PostgreSQL only, in a database of its own that it creates and fills
# (DATABASE_URL overrides). BENCH_ARGS passes options: --rebuild, --load-seconds 5, --only search …
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kam_bench
bench: venv
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(VPY) -m bench run $(BENCH_ARGS)

# make bench-compare OLD.json NEW.json  (or OLD=… NEW=…; NEW defaults to bench/results.json)
ifeq (bench-compare,$(firstword $(MAKECMDGOALS)))
  COMPARE_FILES := $(wordlist 2,3,$(MAKECMDGOALS))
  OLD ?= $(word 1,$(COMPARE_FILES))
  NEW ?= $(word 2,$(COMPARE_FILES))
  $(eval $(COMPARE_FILES):;@:)
endif
NEW := $(or $(NEW),bench/results.json)
bench-compare: venv
	@test -n "$(OLD)" || { echo "Usage: make bench-compare OLD.json [NEW.json]"; exit 2; }
	$(VPY) -m bench compare $(OLD) $(NEW)

messages: venv
	$(VPY) manage.py makemessages -l ru --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
