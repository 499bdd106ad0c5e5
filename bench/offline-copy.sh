#!/usr/bin/env bash
# What the offline copy costs a cold refresh of the ../shared/bench corpus:
# the same run three ways, side by side, through the shared harness:
#   text      `refresh --text-only`: the feeds' text only (what issue 2 measures)
#   default   images of every article (+ full text where a feed's items are short)
#   full      full text from every article's page, and images, for every feed
#   bench/offline-copy.sh [FEEDS] [REPS]      (defaults: 1000 1)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
harness="${TIDINGS_BENCH_HARNESS:-$repo/../shared/bench}"
feeds="${1:-1000}"
reps="${2:-1}"
# Its own copy of the corpus: the pages and images added here must not
# reach the text-only comparison with Newsboat, which uses the plain one.
corpus="/tmp/bench-corpus-offline-$feeds-50-s1"
[ -x "$repo/target/release/tidings" ] || cargo build --release -p tidings-cli --manifest-path "$repo/Cargo.toml"
[ -f "$corpus/feeds.opml" ] || python3 "$harness/gen_feeds.py" --feeds "$feeds" --items 50 --out "$corpus" --seed 1 --port 8089
[ -d "$corpus/site" ] || python3 "$here/offline_assets.py" "$corpus"
t="$repo/target/release/tidings"
out="${TIDINGS_BENCH_OUT:-/tmp/tidings-bench}"
mkdir -p "$out"
exec "$harness/run_refresh.sh" --feeds "$feeds" --items 50 --reps "$reps" --warm 1 --corpus "$corpus" \
  --cmd "text=$t --db {workdir}/t.db import {opml} >/dev/null && $t --db {workdir}/t.db refresh --text-only >/dev/null" \
  --cmd "default=$t --db {workdir}/t.db import {opml} >/dev/null && $t --db {workdir}/t.db refresh >/dev/null" \
  --cmd "full=$t --db {workdir}/t.db import {opml} >/dev/null && sqlite3 {workdir}/t.db 'update feeds set full_text = 1' && $t --db {workdir}/t.db refresh >/dev/null" \
  --check "text=sqlite3 {workdir}/t.db 'select count(*) from articles'" \
  --check "default=sqlite3 {workdir}/t.db 'select count(*) || \" articles, \" || (select count(*) from images where hash is not null) || \" images\" from articles'" \
  --check "full=sqlite3 {workdir}/t.db 'select count(full_html) || \" full texts, \" || (select count(*) from images where hash is not null) || \" images\" from articles'" \
  --json "$out/offline-$feeds.json" --md "$out/offline-$feeds.md" --label "offline copy, tidings $(git -C "$repo" rev-parse --short HEAD)"
