#!/usr/bin/env bash
# The caching proxy (make start-proxy, tests/caching) is Debian's Varnish with the xkey vmod of
# varnish-modules (tag-based purges), never a downloaded build. Install both when missing.
set -euo pipefail
VMOD_DIR=/usr/lib/$(uname -m)-linux-gnu/varnish/vmods
if command -v varnishd >/dev/null && [ -e "$VMOD_DIR/libvmod_xkey.so" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's varnish and varnish-modules for the caching proxy..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends varnish varnish-modules >/dev/null
  # The package starts a system varnish on :6081 (Debian's default); the project starts its own.
  if command -v systemctl >/dev/null && systemctl is-active --quiet varnish 2>/dev/null; then
    systemctl disable --now varnish >/dev/null 2>&1 || true
  fi
  varnishd -V 2>&1 | head -1
else
  echo "The caching proxy needs Debian's varnish and varnish-modules (xkey)." >&2
  echo "Install them as root:  apt-get install varnish varnish-modules" >&2
  exit 1
fi
