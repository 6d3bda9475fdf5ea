#!/usr/bin/env bash
# Installs what the end-to-end tests with real clients need, before the host's tests run (the
# host pom calls this in process-test-resources; .ci/run calls it up front too):
#   - matrix-js-sdk, pinned by js/package-lock.json: `npm ci` (needs Node.js 20 and npm);
#   - matrix-nio: Debian's python3-matrix-nio for /usr/bin/python3, installed with apt-get when
#     `import nio` fails and this runs as root.
# It never fails the build itself: whatever could not be installed is written, with the reason,
# to STATUS_FILE (default: none), and RealClientsTest fails with that message.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status="${1:-/dev/null}"
mkdir -p "$(dirname "$status")" 2>/dev/null || true
: >"$status"

problem() {
  echo "e2e install: $*" >&2
  echo "$*" >>"$status"
}

# --- matrix-js-sdk --------------------------------------------------------------------------
js="$here/js"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  problem "matrix-js-sdk: Node.js 20 or newer with npm is needed (node or npm not found on PATH)"
elif (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
  problem "matrix-js-sdk: Node.js 20 or newer is needed, found $(node --version)"
elif cmp -s "$js/package-lock.json" "$js/node_modules/.hotroom-installed-lock" 2>/dev/null; then
  : # node_modules already matches the lockfile
else
  echo "e2e install: npm ci (matrix-js-sdk, from the lockfile)" >&2
  if (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2); then
    cp "$js/package-lock.json" "$js/node_modules/.hotroom-installed-lock"
  else
    problem "matrix-js-sdk: 'npm ci' in host/src/test/e2e/js failed (output above); the npm registry must be reachable"
  fi
fi

# --- matrix-nio -----------------------------------------------------------------------------
if ! [[ -x /usr/bin/python3 ]]; then
  nio_ok=0
else
  /usr/bin/python3 -c 'import nio' 2>/dev/null && nio_ok=1 || nio_ok=0
fi
if (( ! nio_ok )); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "e2e install: apt-get install python3-matrix-nio" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq python3-matrix-nio >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq python3-matrix-nio >&2; }
    if ! /usr/bin/python3 -c 'import nio' 2>/dev/null; then
      problem "matrix-nio: 'apt-get install python3-matrix-nio' did not make 'import nio' work for /usr/bin/python3"
    fi
  else
    problem "matrix-nio: /usr/bin/python3 cannot 'import nio'; install Debian's package as root: apt-get install python3-matrix-nio"
  fi
fi
exit 0
