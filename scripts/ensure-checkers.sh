#!/usr/bin/env bash
# The browser tests check pages with axe-core (injected into Chromium) and the Nu HTML checker (vnu.jar):
# both come from the npm registry (package.json, package-lock.json); vnu.jar runs on the system's Java.
# Install Node.js and a Java runtime from Debian when they are missing, then the npm packages.
set -euo pipefail
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the page checkers..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The page checkers need: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used instead.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
