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

.PHONY: help install start site reset job import export import-site backup restore upgrade rotate-key test test-deps chromium checkers lint format i18n clean bench bench-data bench-load \
	postgresql start-cluster stop-cluster cluster-status migrate-to-postgresql varnish start-proxy

help:
	@echo "make start   install, create the site on first run, serve http://$(HOST):$(PORT)/$(SITE_ID)"
	@echo "make test    install test dependencies (Debian chromium) and run the whole suite"
	@echo "make lint    ruff + zpretty checks;  make format  rewrites the files"
	@echo "make i18n    extract the coalition domain and sync the .po files of $(LANGS)"
	@echo "make job JOB=digests  run a scheduled job on the serving site (make job: list them)"
	@echo "make import FILE=list.csv ORG=alpha [DRY_RUN=1]  import a list of case files into the serving site"
	@echo "make export / make import-site  move the whole site through EXPORT_DIR (site stopped; docs/import.md)"
	@echo "make reset   delete var/ (database, blobs, logs): the next start creates a fresh site"
	@echo "make upgrade [DRY_RUN=1]  run the pending upgrade steps of an existing site (site stopped; docs/operations.md)"
	@echo "make rotate-key [RETIRE=1]  re-seal the encrypted data under a new key (site stopped; docs/security.md)"
	@echo "make backup  repozo + blobs into BACKUP_DIR (default var/backups), FULL=1 for a full one (docs/backup.md)"
	@echo "make restore the newest backup set (or SET=...) into RESTORE_VAR (default var/, which must have no database)"
	@echo "make start-proxy  the caching proxy (Varnish) on :$(PROXY_PORT) in front of make start (docs/caching.md)"
	@echo "make start-cluster  PostgreSQL, two Zope processes, haproxy on $(CLUSTER_BIND) (docs/scaling.md); make stop-cluster"
	@echo "make migrate-to-postgresql  copy var/filestorage into the cluster's PostgreSQL (CLEAR=1 empties it first)"
	@echo "make bench-data  fill var/bench/ with $(BENCH_COUNT) fictional prisoners in 4 languages (bench/README.md)"
	@echo "make bench       measure the public pages on var/bench/ (writes bench/results/latest.md)"
	@echo "make bench-load  load at concurrency 1 and 16: Plone, the caching proxy, a static copy (bench/results/load-latest.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

.stamp-install: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install --quiet --upgrade pip -c constraints.txt
	$(BIN)/pip install -c constraints.txt -e ".[test,dev]"
	touch $@

install: .stamp-install

var:
	mkdir -p var/filestorage var/blobstorage var/log var/cache

# The first start also creates the encryption key file named in zope.conf (var/keys/coalition.key, 0600).
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

# A member organisation's list of case files into the serving site (scripts/import_cases.py, docs/import.md):
# make import FILE=list.csv [ORG=alpha] [DRY_RUN=1] [PHOTOS=photos.zip] [IMPORT_AS=userid]
FILE ?=
ORG ?=
DRY_RUN ?=
PHOTOS ?=
IMPORT_AS ?=
import: install
	@test -n "$(FILE)" || { echo "make import FILE=list.csv [ORG=alpha] [DRY_RUN=1] [PHOTOS=photos.zip] [IMPORT_AS=userid]"; exit 2; }
	$(BIN)/python scripts/import_cases.py "$(FILE)" --url http://$(HOST):$(PORT)/$(SITE_ID) \
		$(if $(ORG),--org $(ORG),) $(if $(filter 1,$(DRY_RUN)),--dry-run,) \
		$(if $(PHOTOS),--photos "$(PHOTOS)",) $(if $(IMPORT_AS),--user $(IMPORT_AS),)

# Moving the whole site (plone.exportimport + the project's complement; docs/import.md). Stop the site first.
EXPORT_DIR ?= var/export
export: install
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/migrate_site.py export $(EXPORT_DIR) --site-id $(SITE_ID)

import-site: install
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/migrate_site.py import $(EXPORT_DIR) --site-id $(SITE_ID)

# Backups (docs/backup.md): safe while the site serves. BACKUP_ENCRYPT_RECIPIENT (an age key or a GnuPG
# recipient) also writes an encrypted archive of the set for the off-site copy.
BACKUP_DIR ?= var/backups
RESTORE_VAR ?= var
backup: install
	$(BIN)/python scripts/backup.py --var var --backup-dir $(BACKUP_DIR) $(if $(filter 1,$(FULL)),--full,)

restore: install
	$(BIN)/python scripts/restore.py --backup-dir $(BACKUP_DIR) --var $(RESTORE_VAR) $(if $(SET),--set $(SET),) \
		$(if $(ARCHIVE),--archive $(ARCHIVE),)

# Pending upgrade steps of an existing site (site stopped; docs/operations.md "Upgrading"); DRY_RUN=1 lists them.
upgrade: install
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/upgrade_site.py --site-id $(SITE_ID) $(if $(filter 1,$(DRY_RUN)),--dry-run,)

# Encryption at rest (docs/security.md): a new key, everything re-sealed under it; RETIRE=1 then removes the
# old keys. Stop the site first; an interrupted run resumes when started again.
rotate-key: install
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/rotate_key.py --site-id $(SITE_ID) $(if $(filter 1,$(RETIRE)),--retire,)

chromium:
	@bash scripts/ensure-chromium.sh

checkers:
	@bash scripts/ensure-checkers.sh

# The caching proxy (docs/caching.md): Debian's varnishd with deploy/varnish/coalition.vcl, in front of
# `make start` (or the cluster's balancer on the same address); its backend.vcl is written for HOST:PORT.
PROXY_PORT ?= 6081
PROXY_MEMORY ?= 256m
varnish:
	@bash scripts/ensure-varnish.sh

start-proxy: varnish
	mkdir -p var/varnish
	printf 'backend zope {\n    .host = "%s";\n    .port = "%s";\n    .first_byte_timeout = 300s;\n}\n' \
		$(HOST) $(PORT) > var/varnish/backend.vcl
	@echo "Caching proxy on http://localhost:$(PROXY_PORT)/$(SITE_ID) in front of http://$(HOST):$(PORT) (Ctrl-C stops)"
	varnishd -F -j none -n $(CURDIR)/var/varnish/work -a :$(PROXY_PORT) -f $(CURDIR)/deploy/varnish/coalition.vcl \
		-p vcl_path=$(CURDIR)/var/varnish:$(CURDIR)/deploy/varnish -s malloc,$(PROXY_MEMORY)

# The cluster (docs/scaling.md): settings are COALITION_* environment variables (deploy/cluster/env.sh);
# haproxy takes HOST:PORT, the address of `make start`, so the caching proxy in front needs no change.
CLUSTER_BIND ?= $(or $(COALITION_BALANCER_BIND),$(HOST):$(PORT))
CLUSTER := COALITION_SITE_ID=$(SITE_ID) COALITION_ADMIN_PASSWORD=$(ADMIN_PASSWORD) COALITION_DEMO=$(DEMO) \
	COALITION_BALANCER_BIND=$(CLUSTER_BIND) bash scripts/cluster.sh

postgresql:
	@bash scripts/ensure-postgresql.sh

start-cluster: install var postgresql
	$(CLUSTER) start

stop-cluster:
	$(CLUSTER) stop

cluster-status:
	@$(CLUSTER) status

migrate-to-postgresql: install var postgresql
	$(CLUSTER) migrate $(if $(filter 1,$(CLEAR)),--clear,)

# tests/scale needs PostgreSQL and haproxy: installed here when possible, else those tests skip and say why.
test-deps: install chromium checkers varnish
	@bash scripts/ensure-postgresql.sh --optional

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

# Load at concurrency 1 and 16: uncached Plone, the caching proxy, nginx with a static copy (bench/README.md).
bench-load: install
	bash scripts/ensure-bench-tools.sh
	test -f var/bench/filestorage/manifest.json || $(MAKE) bench-data
	$(BIN)/python bench/load.py --port $(BENCH_PORT)

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
