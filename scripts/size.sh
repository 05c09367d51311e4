#!/usr/bin/env bash
# Prints the first-load size of dist/ (html + js + wasm + css), each file gzip -9, against the
# 100 KB goal, and fails when it is over the committed budget (scripts/size-budget).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
total=0
for file in "$ROOT"/dist/*.{html,js,wasm,css}; do
  [ -f "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '  %-40s %8d B raw %8d B gzip\n' "$(basename "$file")" "$raw" "$gz"
done
budget=$(grep -v '^#' "$ROOT/scripts/size-budget" | tr -d '[:space:]')
awk -v t="$total" -v b="$budget" 'BEGIN {
  printf "  first load, gzip -9: %d B = %.1f KB (budget: %d B; goal: <= 100 KB)\n", t, t / 1000, b }'
if [ "$total" -gt "$budget" ]; then
  echo "size.sh: the first load, $total B, is over the budget of $budget B by $((total - budget)) B" >&2
  exit 1
fi
