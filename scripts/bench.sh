#!/usr/bin/env bash
# Benchmarks against a real PocketBase and the release build in headless Chromium; each prints
# its figures.
#   scripts/bench.sh upload [megabytes]  one large upload: time and the tab's memory (1024)
#   scripts/bench.sh list [count]        that many backups: list and search timings (10000)
#   scripts/bench.sh inspect [megabytes] one large backup inspected: the bytes read (1024)
#   scripts/bench.sh verify [megabytes] [runs]
#                                        one large backup verified: time and the tab's memory (1024 3)
#   scripts/bench.sh vs-dashboard [counts] [runs]
#                                        this panel and PocketBase's dashboard side by side,
#                                        cold loads to rows painted, fast and slow link (50,10000 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
case "${1:-}" in
  upload) bin=bench_upload default=1024 ;;
  list) bin=bench_list default=10000 ;;
  inspect) bin=bench_inspect default=1024 ;;
  verify) bin=bench_verify default=1024 ;;
  vs-dashboard) bin=bench_dashboard default=50,10000 ;;
  *) echo "usage: scripts/bench.sh upload|list|inspect|verify|vs-dashboard [size]" >&2; exit 2 ;;
esac
"$ROOT/scripts/setup.sh"
cd "$ROOT"
"$ROOT/scripts/build.sh"
# Not --release: that profile aborts on panic, which would leave the server and browser running.
PANEL_DIST="$ROOT/dist" cargo run -q -p e2e --bin "$bin" -- "${2:-$default}" "${@:3}"
