#!/usr/bin/env bash
# Runs the panel the way it is deployed: the release build served by a real PocketBase from its
# public dir, same origin, with the panel's hook (pb_hooks/panel.pb.js). Override with PB_ADDR,
# PB_ADMIN_EMAIL, PB_ADMIN_PASSWORD, PB_DATA; PB_PANEL_CONNECT_SRC (other PocketBase servers the
# page may call, for the fleet: "https://a.example https://b.example") goes on to the hook.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"

PB_ADDR="${PB_ADDR:-127.0.0.1:8090}"
PB_ADMIN_EMAIL="${PB_ADMIN_EMAIL:-admin@example.com}"
PB_ADMIN_PASSWORD="${PB_ADMIN_PASSWORD:-change-me-please}"
PB_DATA="${PB_DATA:-$ROOT/pb_data}"

step "release build"
"$ROOT/scripts/build.sh"

step "superuser $PB_ADMIN_EMAIL"
mkdir -p "$PB_DATA/data" "$PB_DATA/migrations" "$PB_DATA/hooks"
pocketbase superuser upsert "$PB_ADMIN_EMAIL" "$PB_ADMIN_PASSWORD" --dir "$PB_DATA/data"

step "the panel's hook (compressed files, caching, CSP) into $PB_DATA/hooks"
cp "$ROOT/pb_hooks/panel.pb.js" "$PB_DATA/hooks/panel.pb.js"

cat <<INFO

  Panel:     http://$PB_ADDR/
  Email:     $PB_ADMIN_EMAIL
  Password:  $PB_ADMIN_PASSWORD
  Other servers the page may call (PB_PANEL_CONNECT_SRC): ${PB_PANEL_CONNECT_SRC:-none}
  (PocketBase's own dashboard: http://$PB_ADDR/_/ — stop with Ctrl+C)

INFO
export PB_PANEL_CONNECT_SRC="${PB_PANEL_CONNECT_SRC:-}"
exec pocketbase serve --http "$PB_ADDR" --publicDir "$ROOT/dist" \
  --dir "$PB_DATA/data" --migrationsDir "$PB_DATA/migrations" --hooksDir "$PB_DATA/hooks"
