#!/usr/bin/env bash
# Benchmark: the backups list at scale (default 10,000 rows) in headless Chromium against a
# real PocketBase; prints the time to show the list and to repaint after a search keystroke.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release
# Not --release: that profile aborts on panic, which would leave the server and browser running.
PANEL_DIST="$ROOT/dist" cargo run -q -p e2e --bin bench_list -- "${1:-10000}"
