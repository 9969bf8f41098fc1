#!/usr/bin/env bash
# The cluster (docs/scaling.md) runs on Debian's PostgreSQL and haproxy. Install them when missing.
#
#   scripts/ensure-postgresql.sh              install the packages (as root) or say what is missing
#   scripts/ensure-postgresql.sh --optional   the same, but exit 0 when they cannot be installed
#                                             (`make test-deps`: tests/scale then skips and says why)
#   scripts/ensure-postgresql.sh --database   also create the role and the database of the site on the
#                                             server named by COALITION_PG_* (deploy/cluster/env.sh)
#
# --database connects as the server's superuser through its Unix socket (peer authentication): the
# private server of `make start-cluster` (COALITION_PG_DATA) has its socket in its data directory;
# for a system server leave COALITION_PG_DATA empty and run this as root or as the postgres user.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../deploy/cluster/env.sh
. "$here/../deploy/cluster/env.sh"

optional=0
database=0
for arg in "$@"; do
  case "$arg" in
    --optional) optional=1 ;;
    --database) database=1 ;;
    *) echo "usage: $0 [--optional] [--database]" >&2; exit 2 ;;
  esac
done

missing=()
pg_bindir >/dev/null || missing+=(postgresql)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} for the cluster..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The cluster needs Debian's ${missing[*]} (as root: apt-get install ${missing[*]})." >&2
    [ "$optional" -eq 1 ] && exit 0
    exit 1
  fi
fi

if [ "$database" -eq 1 ]; then
  socket_args=()
  if [ -n "$COALITION_PG_DATA" ]; then
    socket_args=(-h "$(pg_socket_dir)" -p "$COALITION_PG_PORT")
  fi
  # Idempotent: each statement is generated only when the role or the database does not exist yet.
  as_pg_owner "$(pg_bindir)/psql" "${socket_args[@]}" -d postgres -X -q -v ON_ERROR_STOP=1 \
    -v user="$COALITION_PG_USER" -v password="$COALITION_PG_PASSWORD" -v db="$COALITION_PG_DB" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'user', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
fi
