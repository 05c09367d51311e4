#!/usr/bin/env bash
# Prints the first-load size of dist/ (html + js + wasm + css), each file gzip -9, against the
# 100 KB goal. A figure, not a test: a regression shows up here in every run.
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
awk -v t="$total" 'BEGIN { printf "  first load, gzip -9: %d B = %.1f KB (goal: <= 100 KB)\n", t, t / 1000 }'
