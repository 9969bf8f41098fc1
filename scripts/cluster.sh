#!/usr/bin/env bash
# The cluster (docs/scaling.md): PostgreSQL, several Zope processes on one RelStorage database, haproxy.
#
#   scripts/cluster.sh start                 PostgreSQL (private server in var/postgresql unless
#                                            COALITION_PG_DATA is empty), the site when missing, one
#                                            Zope process per port of COALITION_INSTANCE_PORTS, haproxy
#   scripts/cluster.sh stop                  stop what start started
#   scripts/cluster.sh status                what runs, where
#   scripts/cluster.sh stop-instance PORT    stop one Zope process (haproxy sends its requests to the others)
#   scripts/cluster.sh start-instance PORT   start it again (a rolling restart: one port after the other)
#   scripts/cluster.sh migrate [--clear]     copy the FileStorage (COALITION_FILESTORAGE) into PostgreSQL
#   scripts/cluster.sh run SCRIPT [ARGS]     a zconsole script on the database while the cluster serves
#                                            (scheduled jobs: scripts/send_digests.py, ...)
#   scripts/cluster.sh pack                  remove unreachable objects (zodbpack), also while it serves
#
# Settings: environment variables, defaults in deploy/cluster/env.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../deploy/cluster/env.sh
. "$repo/deploy/cluster/env.sh"
bin="$repo/.venv/bin"

cd "$COALITION_CLUSTER_HOME"
# Zope's configuration names ./instance and ./var: a cluster home outside the repository (tests) gets a
# link to the repository's instance/.
[ -e instance ] || ln -s "$repo/instance" instance
mkdir -p var/log var/run var/cache var/blobcache
# As root, the postgres user must pass through var/ to its data directory (whatever the umask).
[ "$(id -u)" -ne 0 ] || chmod a+x var
rundir="$PWD/var/run"
export COALITION_HAPROXY_SOCKET="$rundir/haproxy.sock"

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

# The process of a pid file runs and is still ours: its command line names the file (zope-8081, haproxy),
# so a pid the system has given to another process since is never stopped.
pid_alive() { # pidfile
  [ -s "$1" ] || return 1
  local pid
  pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(basename "$1" .pid)"
}

stop_pid() { # pidfile name
  if pid_alive "$1"; then
    local pid
    pid="$(cat "$1")"
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
    fi
    say "stopped $2"
  fi
  rm -f "$1"
}

# Wait until URL answers 200, or fail when the process of PIDFILE is gone or SECONDS passed.
wait_http() { # url pidfile seconds
  "$bin/python" - "$@" <<'PY'
import os, sys, time, urllib.request

url, pidfile, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
pid = int(open(pidfile).read())
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(f"the process that should answer {url} has ended")
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"{url} did not answer within {limit:.0f} s")
PY
}

# --- PostgreSQL -------------------------------------------------------------------------------------------

pg_ctl() {
  as_pg_owner "$(pg_bindir)/pg_ctl" -D "$COALITION_PG_DATA" "$@"
}

pg_start() {
  if [ -z "$COALITION_PG_DATA" ]; then
    say "PostgreSQL: the server at $COALITION_PG_HOST:$COALITION_PG_PORT (COALITION_PG_DATA is empty)"
    return 0
  fi
  pg_bindir >/dev/null || die "PostgreSQL is not installed (scripts/ensure-postgresql.sh)"
  if [ ! -s "$COALITION_PG_DATA/PG_VERSION" ]; then
    mkdir -p "$COALITION_PG_DATA"
    chmod 700 "$COALITION_PG_DATA"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$COALITION_PG_DATA"
    # The superuser connects only through the socket in the data directory, as the server's owner
    # (peer); the site's role connects over TCP with its password.
    as_pg_owner "$(pg_bindir)/initdb" -D "$COALITION_PG_DATA" --auth-local=peer \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    say "PostgreSQL: created the data directory $COALITION_PG_DATA"
  fi
  if pg_ctl status >/dev/null 2>&1; then
    say "PostgreSQL: runs on $COALITION_PG_HOST:$COALITION_PG_PORT"
    return 0
  fi
  pg_ctl -l "$COALITION_PG_DATA/server.log" -w -t 60 \
    -o "-p $COALITION_PG_PORT -k '$(pg_socket_dir)' -c listen_addresses='$COALITION_PG_HOST'" \
    start >/dev/null || die "PostgreSQL did not start: see $COALITION_PG_DATA/server.log"
  say "PostgreSQL: started on $COALITION_PG_HOST:$COALITION_PG_PORT ($COALITION_PG_DATA)"
}

pg_stop() {
  if [ -n "$COALITION_PG_DATA" ] && [ -s "$COALITION_PG_DATA/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1; then
    pg_ctl -m fast -w stop >/dev/null
    say "stopped PostgreSQL"
  fi
}

database_ready() {
  pg_start
  bash "$repo/scripts/ensure-postgresql.sh" --database
}

zconsole() {
  "$bin/zconsole" run instance/etc/zope-relstorage.conf "$@"
}

# --- Zope processes and haproxy ---------------------------------------------------------------------------

instance_start() { # port
  local name="zope-$1" pidfile="$rundir/zope-$1.pid"
  if pid_alive "$pidfile"; then
    say "$name runs on $COALITION_INSTANCE_HOST:$1"
    return 0
  fi
  # Its own session: stopping make (Ctrl-C) does not stop the cluster; `stop` does.
  setsid "$bin/runwsgi" instance/etc/zope-cluster.ini "http_host=$COALITION_INSTANCE_HOST" \
    "http_port=$1" "instance_name=$name" >"var/log/$name.out" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# Tell haproxy (through its admin socket) to send a process no new requests (maint) and wait until the
# requests it holds are answered, or to take it back (ready). Nothing to do when haproxy does not run.
balancer_server_state() { # port maint|ready
  pid_alive "$rundir/haproxy.pid" && [ -S "$COALITION_HAPROXY_SOCKET" ] || return 0
  "$bin/python" - "$COALITION_HAPROXY_SOCKET" "zope-$1" "$2" <<'PY'
import csv, socket, sys, time

path, server, state = sys.argv[1:]

def ask(command):
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(path)
        connection.sendall(command.encode() + b"\n")
        return b"".join(iter(lambda: connection.recv(65536), b"")).decode()

ask(f"set server zope_instances/{server} state {state}")
deadline = time.monotonic() + 60
while state == "maint" and time.monotonic() < deadline:
    rows = csv.DictReader(ask("show stat").lstrip("# ").splitlines())
    if all(row["scur"] == "0" for row in rows if row["svname"] == server):
        break
    time.sleep(0.2)
PY
}

instance_wait() { # port
  wait_http "http://$COALITION_INSTANCE_HOST:$1/ok" "$rundir/zope-$1.pid" 180 \
    || die "zope-$1 did not start: see var/log/zope-$1.out and var/log/zope-$1-event.log"
  say "zope-$1 serves http://$COALITION_INSTANCE_HOST:$1"
}

haproxy_bin() {
  command -v haproxy || echo /usr/sbin/haproxy
}

balancer_start() {
  local cfg="$rundir/haproxy.cfg" pidfile="$rundir/haproxy.pid" port
  {
    cat "$repo/deploy/haproxy/haproxy.cfg"
    for port in $COALITION_INSTANCE_PORTS; do
      echo "    server zope-$port $COALITION_INSTANCE_HOST:$port"
    done
  } >"$cfg"
  "$(haproxy_bin)" -c -q -f "$cfg" || die "haproxy refuses $cfg"
  if pid_alive "$pidfile"; then
    # Reload: the new process takes over the ports, the old one finishes its requests (-sf).
    "$(haproxy_bin)" -D -p "$pidfile" -f "$cfg" -sf "$(cat "$pidfile")"
    say "haproxy reloaded"
  else
    "$(haproxy_bin)" -D -p "$pidfile" -f "$cfg"
  fi
  say "haproxy balances http://$COALITION_BALANCER_BIND/$COALITION_SITE_ID (statistics: http://$COALITION_BALANCER_STATS/)"
}

start() {
  bash "$repo/scripts/ensure-postgresql.sh"
  database_ready
  say "creating the site '$COALITION_SITE_ID' when missing..."
  local demo=()
  [ "$COALITION_DEMO" != 0 ] || demo=(--no-demo)
  zconsole "$repo/scripts/create_site.py" --site-id "$COALITION_SITE_ID" \
    --admin-password "$COALITION_ADMIN_PASSWORD" "${demo[@]}"
  local port
  for port in $COALITION_INSTANCE_PORTS; do instance_start "$port"; done
  for port in $COALITION_INSTANCE_PORTS; do instance_wait "$port"; done
  balancer_start
}

stop() {
  stop_pid "$rundir/haproxy.pid" haproxy
  local pidfile
  for pidfile in "$rundir"/zope-*.pid; do
    [ -e "$pidfile" ] || continue
    stop_pid "$pidfile" "$(basename "$pidfile" .pid)"
  done
  pg_stop
}

status() {
  local pidfile state
  for pidfile in "$rundir"/haproxy.pid "$rundir"/zope-*.pid; do
    [ -e "$pidfile" ] || continue
    state=stopped
    pid_alive "$pidfile" && state="runs (pid $(cat "$pidfile"))"
    echo "$(basename "$pidfile" .pid): $state"
  done
  compgen -G "$rundir/*.pid" >/dev/null || echo "haproxy and Zope: not started (make start-cluster)"
  if [ -n "$COALITION_PG_DATA" ] && [ -s "$COALITION_PG_DATA/PG_VERSION" ]; then
    if pg_ctl status >/dev/null 2>&1; then
      echo "postgresql: runs on $COALITION_PG_HOST:$COALITION_PG_PORT"
    else
      echo "postgresql: stopped"
    fi
  fi
}

migrate() {
  local clear=()
  if [ "${1:-}" = --clear ]; then
    clear=(--clear)
    for pidfile in "$rundir"/zope-*.pid; do
      ! pid_alive "$pidfile" || die "stop the cluster before --clear: its processes use the database"
    done
  fi
  [ -f "$COALITION_FILESTORAGE" ] || die "no FileStorage at $COALITION_FILESTORAGE"
  bash "$repo/scripts/ensure-postgresql.sh"
  database_ready
  say "copying $COALITION_FILESTORAGE (blobs: $COALITION_BLOBSTORAGE) into PostgreSQL" \
    "$COALITION_PG_DB at $COALITION_PG_HOST:$COALITION_PG_PORT..."
  local started=$SECONDS
  "$bin/zodbconvert" "${clear[@]}" "$repo/deploy/cluster/zodbconvert.conf"
  say "copied in $((SECONDS - started)) s"
}

command="${1:-}"
[ $# -eq 0 ] || shift
case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  start-instance)
    [ $# -eq 1 ] || die "usage: $0 start-instance PORT"
    instance_start "$1"
    instance_wait "$1"
    balancer_server_state "$1" ready
    ;;
  stop-instance)
    [ $# -eq 1 ] || die "usage: $0 stop-instance PORT"
    # Drained first: the requests it serves are answered, the next ones go to the other processes.
    balancer_server_state "$1" maint
    stop_pid "$rundir/zope-$1.pid" "zope-$1"
    ;;
  migrate) migrate "$@" ;;
  pack) "$bin/zodbpack" --days 0 "$repo/deploy/cluster/zodbpack.conf" ;;
  run)
    [ $# -ge 1 ] || die "usage: $0 run SCRIPT [ARGS]"
    zconsole "$@"
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
