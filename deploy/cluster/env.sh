# Settings of the cluster (docs/scaling.md): each one comes from the environment, with the default below.
# scripts/cluster.sh, scripts/ensure-postgresql.sh and the Makefile read this file. Before running
# zconsole, zodbconvert or zodbpack by hand on instance/etc/zope-relstorage.conf, export them:
#
#   set -a; . deploy/cluster/env.sh; set +a
#
# shellcheck shell=bash

# The PostgreSQL database the Zope processes share (instance/etc/zope-relstorage.conf reads these).
: "${COALITION_PG_HOST:=127.0.0.1}"
: "${COALITION_PG_PORT:=5433}"
: "${COALITION_PG_DB:=coalition}"
: "${COALITION_PG_USER:=coalition}"
: "${COALITION_PG_PASSWORD:=coalition}"
# Data directory of the private PostgreSQL server that `make start-cluster` runs (relative to
# COALITION_CLUSTER_HOME). Set it to an empty string to use a server run elsewhere (another machine, the
# Debian cluster started by pg_ctlcluster): then the cluster starts no server of its own.
: "${COALITION_PG_DATA=var/postgresql}"

# Where the processes run: the folder holding var/ (logs, pid files, blob cache) and instance/; the
# relative paths here are relative to it. Default: the repository.
: "${COALITION_CLUSTER_HOME:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# One Zope process per port, all on the same database; haproxy balances them.
: "${COALITION_INSTANCE_HOST:=127.0.0.1}"
: "${COALITION_INSTANCE_PORTS:=8081 8082}"
# haproxy: the address the caching proxy (or the browser) talks to, and its statistics page.
: "${COALITION_BALANCER_BIND:=127.0.0.1:8080}"
: "${COALITION_BALANCER_STATS:=127.0.0.1:8404}"

# The site: created in the database when missing (scripts/create_site.py).
: "${COALITION_SITE_ID:=coalition}"
: "${COALITION_ADMIN_PASSWORD:=admin}"
: "${COALITION_DEMO:=1}"

# `make migrate-to-postgresql`: the FileStorage copied into the database (deploy/cluster/zodbconvert.conf).
: "${COALITION_FILESTORAGE:=var/filestorage/Data.fs}"
: "${COALITION_BLOBSTORAGE:=var/blobstorage}"

export COALITION_PG_HOST COALITION_PG_PORT COALITION_PG_DB COALITION_PG_USER COALITION_PG_PASSWORD \
  COALITION_PG_DATA COALITION_CLUSTER_HOME COALITION_INSTANCE_HOST COALITION_INSTANCE_PORTS \
  COALITION_BALANCER_BIND COALITION_BALANCER_STATS COALITION_SITE_ID COALITION_ADMIN_PASSWORD \
  COALITION_DEMO COALITION_FILESTORAGE COALITION_BLOBSTORAGE

# The bin folder of Debian's newest PostgreSQL (its programs are not on PATH), or nothing.
pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# The private server keeps its Unix socket in its data directory (no /run/postgresql needed).
pg_socket_dir() {
  (cd "$COALITION_CLUSTER_HOME" && cd "$COALITION_PG_DATA" && pwd)
}

# PostgreSQL refuses to run as root: root runs the server and its tools as the postgres user.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
