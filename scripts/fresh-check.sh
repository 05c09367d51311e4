#!/usr/bin/env bash
# Runs the README's test command the way CI meets it: in a fresh clone of the committed HEAD,
# with an empty cargo registry (a new CARGO_HOME), empty build folders and no npm or pip cache,
# so a step that only works because something was left on this machine fails here too.
# Tools that are slow to build (trunk, wasm-bindgen) are still found on PATH from ~/.cargo/bin,
# and rustup's toolchains are shared; everything else is fetched again by scripts/setup.sh.
#
#   ./scripts/fresh-check.sh            # everything fresh (15–20 minutes on 2 cores)
#   KEEP_FRESH_CHECK=1 ./scripts/fresh-check.sh   # keep the temporary folder to look into
set -euo pipefail
# Not env.sh: its PATH, POCKETBASE_BIN and MOTO_SERVER_BIN would point into this checkout's .tools/.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
step() { printf '\n== %s\n' "$*"; }

scratch="$(mktemp -d -t pb-panel-fresh.XXXXXX)"
cleanup() {
  if [ "${KEEP_FRESH_CHECK:-}" = 1 ]; then
    echo "kept: $scratch"
  else
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT

step "fresh clone of $(git -C "$ROOT" rev-parse --short HEAD) into $scratch/clone"
git clone --quiet --no-hardlinks "$ROOT" "$scratch/clone"

step "CI=true .ci/run with an empty CARGO_HOME and empty build folders"
cd "$scratch/clone"
env -u POCKETBASE_BIN -u MOTO_SERVER_BIN -u CHROMEDRIVER CI=true \
  CARGO_HOME="$scratch/cargo-home" \
  CARGO_TARGET_DIR="$scratch/target" \
  RELEASE_TARGET_DIR="$scratch/target-release" \
  npm_config_cache="$scratch/npm-cache" \
  PIP_NO_CACHE_DIR=1 \
  bash .ci/run
step "fresh check passed"
