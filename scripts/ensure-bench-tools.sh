#!/usr/bin/env bash
# The load benchmark's tools (bench/load.py): wrk and nginx from Debian, Varnish through its own script.
set -euo pipefail
here=$(dirname "$0")
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian packages) for the load benchmark..."
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root, or install ${missing[*]} yourself." >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null || {
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  }
fi
bash "$here/ensure-varnish.sh"
