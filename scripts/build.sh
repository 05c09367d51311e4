#!/usr/bin/env bash
# The release build of the panel into dist/ (what is shipped, measured and tested end to end).
# It uses a pinned nightly only for this: std rebuilt for size with panics that abort at once
# and no panic locations or Debug text — about 30 KB less gzip than stable. Every other check
# (fmt, clippy, unit and browser tests) runs on stable. Then Trunk's inline loader is moved to a
# file (for a strict CSP) and the first load is precompressed (scripts/finish-dist.py).
# It is split: the pieces the first screen does not show (`split_piece!`) go to wasm chunks of
# their own, fetched on first use — through the wasm-bindgen wrapper in scripts/split/, put
# first on Trunk's PATH, since Trunk itself cannot split.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
export PANEL_SPLIT_STASH="$RELEASE_TARGET_DIR/split"
PATH="$ROOT/scripts/split:$PATH" \
  RUSTUP_TOOLCHAIN="$NIGHTLY" \
  CARGO_TARGET_DIR="$RELEASE_TARGET_DIR" \
  CARGO_UNSTABLE_BUILD_STD="std,panic_abort" \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none --cfg panel_split -Clink-args=--emit-relocs" \
  trunk build --release "$@"
"$TOOLS/venv/bin/python" "$ROOT/scripts/finish-dist.py" "$ROOT/dist" "$PANEL_SPLIT_STASH"
