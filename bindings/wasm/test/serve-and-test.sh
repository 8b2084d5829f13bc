#!/usr/bin/env bash
# Serves www/ on a free loopback port and runs the browser test against it. First checks
# that the page's fallback (999, 101, the front doors) is what the seeds' contacts give:
# run prepare-www.sh after changing the seeds (it rewrites it) and commit index.html.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
node "$here/prepare-www.mjs" --check
[ -f "$here/www/sw-manifest.json" ] || { echo "www/sw-manifest.json is missing: run bash bindings/wasm/prepare-www.sh" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$here/www" >/dev/null 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/index.html" >/dev/null && break; sleep 0.1; done
kill -0 "$pid"
node "$here/test/browser.mjs" "http://127.0.0.1:$port/index.html"
