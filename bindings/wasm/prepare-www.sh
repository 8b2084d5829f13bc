#!/usr/bin/env bash
# Puts the page's local copies in www/: the WASM package and GOV.UK Frontend (CSS, JS and
# its fonts and images), so the page needs nothing from any other origin. Then
# prepare-www.mjs writes index.html's fallback (999, 101, the front doors) from the seeds'
# contacts and the service worker's list of files for offline use (www/sw-manifest.json).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gf="$here/node_modules/govuk-frontend/dist/govuk"
rm -rf "$here/www/vendor" "$here/www/assets" "$here/www/pkg"
mkdir -p "$here/www/vendor"
cp "$gf/govuk-frontend.min.css" "$gf/govuk-frontend.min.js" "$here/www/vendor/"
cp -r "$gf/assets" "$here/www/assets"
cp -r "$here/pkg" "$here/www/pkg"
cp "$here/index.js" "$here/guard.js" "$here/www/"
node "$here/prepare-www.mjs"
