#!/usr/bin/env bash
# Prints the first-load size of dist/ (html + js + wasm + css) as it goes on the wire: each file
# gzip -9 (what every browser takes) and brotli (the build's .br, what Chromium takes over HTTPS
# and on localhost), against the 100 KB goal; fails when the gzip total is over the committed
# budget (scripts/size-budget): gzip is what a plain-HTTP visit receives, the larger of the two.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
total=0
total_br=0
for file in "$ROOT"/dist/*.{html,js,wasm,css}; do
  [ -f "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(stat -c %s "$file.br" 2>/dev/null || echo 0)
  total=$((total + gz))
  total_br=$((total_br + br))
  printf '  %-40s %8d B raw %8d B gzip %8d B br\n' "$(basename "$file")" "$raw" "$gz" "$br"
done
budget=$(grep -v '^#' "$ROOT/scripts/size-budget" | tr -d '[:space:]')
awk -v t="$total" -v r="$total_br" -v b="$budget" 'BEGIN {
  printf "  first load, gzip -9: %d B = %.1f KB (budget: %d B; goal: <= 100 KB)\n", t, t / 1000, b
  printf "  first load, brotli:  %d B = %.1f KB\n", r, r / 1000 }'
if [ "$total" -gt "$budget" ]; then
  echo "size.sh: the first load, $total B, is over the budget of $budget B by $((total - budget)) B" >&2
  exit 1
fi
