#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: format, lints, native unit tests,
# browser tests (headless Chromium), the release build, then end-to-end against a real PocketBase.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"

# Every test runner's output is kept to add up one closing line for the whole run.
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
tests() { "$@" 2>&1 | tee -a "$results"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (wasm32 app and its browser tests; native e2e suite)"
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p e2e --all-targets -- -D warnings

step "unit tests (native)"
tests cargo test --lib

step "browser tests (wasm-bindgen-test in headless Chromium)"
tests cargo test --target wasm32-unknown-unknown

step "release build (scripts/build.sh: trunk, nightly std for size, wasm-opt -Oz)"
"$ROOT/scripts/build.sh"
"$ROOT/scripts/size.sh"

step "end-to-end tests (real pocketbase, release build, headless Chromium)"
PANEL_DIST="$ROOT/dist" tests cargo test -p e2e -- --test-threads=2

step "summary"
awk '/^test result:/ { p += $4; f += $6 } END { printf "all: %d passed, %d failed\n", p, f }' "$results"
