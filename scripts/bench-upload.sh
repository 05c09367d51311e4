#!/usr/bin/env bash
# Benchmark: one large upload through the release build in headless Chromium against a real
# PocketBase; prints the time and the page's memory. Usage: scripts/bench-upload.sh [megabytes]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release
# Not --release: that profile aborts on panic, which would leave the server and browser running.
PANEL_DIST="$ROOT/dist" cargo run -q -p e2e --bin bench_upload -- "${1:-1024}"
