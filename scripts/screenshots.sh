#!/usr/bin/env bash
# Takes the README's pictures (docs/screenshots/*.png) from the release build, against a real
# PocketBase in headless Chromium. Regenerate them with this command; never edit them by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
"$ROOT/scripts/build.sh"
PANEL_DIST="$ROOT/dist" PANEL_SCREENSHOTS="$ROOT/docs/screenshots" \
  cargo test -p e2e --test screenshots -- --ignored --nocapture
