# The two commands a newcomer needs: `make start` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8080
SITE_ID ?= coalition
DEMO ?= 1
ADMIN_PASSWORD ?= admin
ZOPE_CONF ?= instance/etc/zope.conf
BENCH_COUNT ?= 2000
BENCH_PORT ?= 8091
LANGS := en de fr ru
LOCALES := src/coalition/intranet/locales
PY_PATHS := src tests scripts setup.py $(wildcard bench)
# Templates that render XML (feeds): zpretty must read them as XML (-x), not as HTML.
XML_TEMPLATES := src/coalition/intranet/public/feeds/templates/profiles_rss.pt
# The GenericSetup profiles are found under src/ (src/coalition/intranet/profiles; the top-level profiles/ is
# a symlink to it, not listed so that each file is checked once).
XML_FILES = $(filter-out $(XML_TEMPLATES),$(shell find src instance -name '*.zcml' -o -name '*.xml' -o -name '*.pt'))

export zope_i18n_compile_mo_files := true

.PHONY: help install start site reset job test test-deps chromium checkers lint format i18n clean bench bench-data

help:
	@echo "make start   install, create the site on first run, serve http://$(HOST):$(PORT)/$(SITE_ID)"
	@echo "make test    install test dependencies (Debian chromium) and run the whole suite"
	@echo "make lint    ruff + zpretty checks;  make format  rewrites the files"
	@echo "make i18n    extract the coalition domain and sync the .po files of $(LANGS)"
	@echo "make job JOB=digests  run a scheduled job on the serving site (make job: list them)"
	@echo "make reset   delete var/ (database, blobs, logs): the next start creates a fresh site"
	@echo "make bench-data  fill var/bench/ with $(BENCH_COUNT) fictional prisoners in 4 languages (bench/README.md)"
	@echo "make bench       measure the public pages on var/bench/ (writes bench/results/latest.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

.stamp-install: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install --quiet --upgrade pip -c constraints.txt
	$(BIN)/pip install -c constraints.txt -e ".[test,dev]"
	touch $@

install: .stamp-install

var:
	mkdir -p var/filestorage var/blobstorage var/log var/cache

site: install var
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/create_site.py --site-id $(SITE_ID) \
		--admin-password $(ADMIN_PASSWORD) $(if $(filter 0,$(DEMO)),--no-demo,)

start: site
	@echo "Serving http://$(HOST):$(PORT)/$(SITE_ID) (Ctrl-C stops)"
	$(BIN)/runwsgi instance/etc/zope.ini http_host=$(HOST) http_port=$(PORT) zope_conf_name=$(notdir $(ZOPE_CONF))

reset:
	rm -rf var

# A scheduled job against the serving site (scripts/run_job.py; cron examples in docs/operations.md).
# `make job` alone lists the jobs.
JOB ?=
PORTAL_URL ?=
job: install
	$(BIN)/python scripts/run_job.py $(if $(JOB),$(JOB),--list) --url http://$(HOST):$(PORT)/$(SITE_ID) \
		$(if $(PORTAL_URL),--portal-url $(PORTAL_URL),)

chromium:
	@bash scripts/ensure-chromium.sh

checkers:
	@bash scripts/ensure-checkers.sh

test-deps: install chromium checkers

# Test packages are the lowercase folders of tests/ (foundation, browser, ...); helper modules there carry
# an underscore in their name (coalition_layers.py, browser_helpers.py) so the runner does not collect them.
test: test-deps
	$(BIN)/zope-testrunner --path . --test-path . -s tests --tests-pattern '^[a-z]+$$' -vv

# Benchmarks (not tests): a separate database in var/bench/, served on BENCH_PORT while measuring.
bench-data: install
	mkdir -p var/bench/filestorage var/bench/blobstorage var/bench/log var/bench/cache
	$(BIN)/zconsole run bench/zope.conf bench/generate.py --count $(BENCH_COUNT)

bench: install
	test -f var/bench/filestorage/manifest.json || $(MAKE) bench-data
	$(BIN)/python bench/run.py --port $(BENCH_PORT)

lint: install
	$(BIN)/ruff check $(PY_PATHS)
	$(BIN)/ruff format --check $(PY_PATHS)
	$(BIN)/zpretty --check $(XML_FILES)
	$(BIN)/zpretty -x --check $(XML_TEMPLATES)

format: install
	$(BIN)/ruff check --fix $(PY_PATHS)
	$(BIN)/ruff format $(PY_PATHS)
	$(BIN)/zpretty -i $(XML_FILES)
	$(BIN)/zpretty -x -i $(XML_TEMPLATES)

i18n: install
	$(BIN)/i18ndude rebuild-pot --pot $(LOCALES)/coalition.pot --create coalition src/coalition/intranet
	for lang in $(LANGS); do \
		mkdir -p $(LOCALES)/$$lang/LC_MESSAGES; \
		test -f $(LOCALES)/$$lang/LC_MESSAGES/coalition.po || \
			touch $(LOCALES)/$$lang/LC_MESSAGES/coalition.po; \
		$(BIN)/i18ndude sync --pot $(LOCALES)/coalition.pot $(LOCALES)/$$lang/LC_MESSAGES/coalition.po; \
	done
	$(BIN)/python scripts/check_translations.py

clean:
	rm -rf $(VENV) .stamp-install build *.egg-info src/*.egg-info node_modules
