#!/usr/bin/env bash
# Prints the first-load size of dist/ (html + js + wasm + css, but not the wasm chunks fetched on
# first use) as it goes on the wire: each file gzip -9 (what every browser takes) and brotli (the
# build's .br, what Chromium takes over HTTPS and on localhost), against the 100 KB goal; then
# the chunks, apart. Fails when the first load's gzip total is over the committed budget
# (scripts/size-budget): gzip is what a plain-HTTP visit receives, the larger of the two.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# Prints one file's line and sets gz and br, its sizes as gzip -9 and as its .br.
measure() {
  local raw
  raw=$(stat -c %s "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  br=$(stat -c %s "$1.br" 2>/dev/null || echo 0)
  printf '  %-44s %8d B raw %8d B gzip %8d B br\n' "$(basename "$1")" "$raw" "$gz" "$br"
}
total=0 total_br=0
for file in "$ROOT"/dist/*.{html,js,wasm,css}; do
  [ -f "$file" ] || continue
  case "$(basename "$file")" in split_* | chunk_*) continue ;; esac
  measure "$file"
  total=$((total + gz)) total_br=$((total_br + br))
done
echo "  fetched on first use (split_*: one piece each; chunk_*: code that pieces share):"
chunks=0 chunks_br=0
for file in "$ROOT"/dist/split_*.wasm "$ROOT"/dist/chunk_*.wasm; do
  [ -f "$file" ] || continue
  measure "$file"
  chunks=$((chunks + gz)) chunks_br=$((chunks_br + br))
done
budget=$(grep -v '^#' "$ROOT/scripts/size-budget" | tr -d '[:space:]')
awk -v t="$total" -v r="$total_br" -v b="$budget" -v c="$chunks" -v cr="$chunks_br" 'BEGIN {
  printf "  first load, gzip -9: %d B = %.1f KB (budget: %d B; goal: <= 100 KB)\n", t, t / 1000, b
  printf "  first load, brotli:  %d B = %.1f KB\n", r, r / 1000
  printf "  chunks, all of them: %d B gzip = %.1f KB, %d B br = %.1f KB\n", c, c / 1000, cr, cr / 1000 }'
if [ "$total" -gt "$budget" ]; then
  echo "size.sh: the first load, $total B, is over the budget of $budget B by $((total - budget)) B" >&2
  exit 1
fi
