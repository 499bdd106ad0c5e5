#!/usr/bin/env bash
# Cold and warm refresh of the same generated feeds, Tidings vs Newsboat
# (default settings), side by side in one run, through the shared harness
# in ../shared/bench (nginx on 127.0.0.1 with ETag and gzip).
#   bench/refresh-vs-newsboat.sh [FEEDS] [REPS]      (defaults: 1000 3)
# Needs: ../shared/bench/setup.sh run once as root (nginx-light, newsboat,
# time, sqlite3), and a release build of the CLI (built here if missing).
# "tidings" is a plain `refresh`, which also caches the articles' images for
# offline reading (here they 404: the generated corpus has none); "tidings-text"
# is `refresh --text-only`, the same work Newsboat does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
harness="${TIDINGS_BENCH_HARNESS:-$repo/../shared/bench}"
feeds="${1:-1000}"
reps="${2:-3}"
[ -x "$repo/target/release/tidings" ] || cargo build --release -p tidings-cli --manifest-path "$repo/Cargo.toml"
t="$repo/target/release/tidings"
out="${TIDINGS_BENCH_OUT:-/tmp/tidings-bench}"
mkdir -p "$out"
exec "$harness/run_refresh.sh" --feeds "$feeds" --items 50 --reps "$reps" --warm 2 \
  --cmd "newsboat=newsboat -C {bench}/configs/newsboat-default.conf -u {urls} -c {workdir}/cache.db -x reload" \
  --cmd "tidings=$t --db {workdir}/t.db import {opml} >/dev/null && $t --db {workdir}/t.db refresh >/dev/null" \
  --cmd "tidings-text=$t --db {workdir}/t.db import {opml} >/dev/null && $t --db {workdir}/t.db refresh --text-only >/dev/null" \
  --check "newsboat=sqlite3 {workdir}/cache.db 'select count(*) from rss_item'" \
  --check "tidings=sqlite3 {workdir}/t.db 'select count(*) from articles'" \
  --check "tidings-text=sqlite3 {workdir}/t.db 'select count(*) from articles'" \
  --json "$out/refresh-$feeds.json" --md "$out/refresh-$feeds.md" --label "tidings $(git -C "$repo" rev-parse --short HEAD)"
