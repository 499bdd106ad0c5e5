#!/usr/bin/env bash
# Smoke check of the sync test servers: starts Miniflux and Tiny Tiny RSS (and
# the test feeds), subscribes a new user of each to the test feeds, makes them
# fetch, and checks through each one's sync API (Google Reader, tt-rss JSON)
# that every item arrived, the Chinese ones intact, and that read and starred
# marks take. Exits non-zero at the first thing wrong. Stops the servers it
# started (leaves running those that already ran).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"

t0=$(date +%s%N)
elapsed() { local ds=$((($(date +%s%N) - t0) / 100000000)); echo "$((ds / 10)).$((ds % 10)) s"; }
fail() { echo "check FAILED: $*" >&2; exit 1; }
ok() { echo "  ok  $* ($(elapsed))"; }
# json EXPR: evaluates a Python expression over the JSON document `d` read
# from standard input, and prints the result.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); r=($1); print(r if not isinstance(r,(list,dict)) else json.dumps(r, ensure_ascii=False))"; }

# On a clean machine the Go build (CPU) and the apt install (mostly disk and
# network) take minutes each: run them side by side.
"$HERE/miniflux.sh" install & build=$!
"$HERE/ttrss.sh" install || fail "ttrss.sh install"
wait "$build" || fail "miniflux.sh install"
ok "installed"

started=()
trap 'for s in "${started[@]}"; do "$HERE/$s.sh" stop || true; done' EXIT
for s in miniflux ttrss; do
  { [ -s "$SS_STATE/$s.pid" ] && kill -0 "$(cat "$SS_STATE/$s.pid")" 2>/dev/null; } || started+=("$s")
  exports=$("$HERE/$s.sh" start) || fail "$s.sh start"
  eval "$exports"
  ok "$s started"
done

# What the feeds hold, counted from the files the servers fetch.
count_items() { grep -c -E '<item>|<entry>' "$TIDINGS_FEEDS_DIR/$1"; }
expected=$(( $(count_items rss.xml) + $(count_items atom.xml) + $(count_items zh.xml) ))
ZH_TITLE=北京今天天氣晴朗
run=$(date +%s)-$$

echo "Miniflux (Google Reader API) at $TIDINGS_MINIFLUX_URL"
exports=$("$HERE/miniflux.sh" user "check-$run" U_) || fail "miniflux.sh user"
eval "$exports"
B=$TIDINGS_MINIFLUX_URL R=$TIDINGS_MINIFLUX_URL/reader/api/0
auth=$(curl -sf "$B/accounts/ClientLogin" --data-urlencode "Email=$U_GREADER_USER" --data-urlencode "Passwd=$U_GREADER_PASSWORD" | sed -n 's/^Auth=//p')
[ -n "$auth" ] || fail "ClientLogin"
H="Authorization: GoogleLogin auth=$auth"
token=$(curl -sf -H "$H" "$R/token")
for f in "rss.xml user/-/label/Tests" "atom.xml user/-/label/Tests" "zh.xml user/-/label/中文"; do
  set -- $f
  [ "$(curl -sf "$R/subscription/edit" -d "T=$token" -d ac=subscribe --data-urlencode "s=feed/$TIDINGS_FEEDS_URL/$1" --data-urlencode "a=$2")" = OK ] ||
    fail "subscribe to $1"
done
subs=$(curl -sf -H "$H" "$R/subscription/list?output=json")
[ "$(echo "$subs" | json 'len(d["subscriptions"])')" = 3 ] || fail "subscription/list: $subs"
# Subscribing fetched the feeds already; a refresh (REST API, answers when
# done) is what tests use to make it fetch again.
for id in $(echo "$subs" | json '" ".join(s["id"].split("/")[1] for s in d["subscriptions"])'); do
  curl -sf -o /dev/null -X PUT -u "$U_USER:$U_PASSWORD" "$B/v1/feeds/$id/refresh" || fail "refresh feed $id"
done
ok "subscribed to 3 feeds, refreshed"
# n=10000: Miniflux pages by SQL offset over published time alone, so small
# pages can repeat or skip items with equal times (docs/SYNC-SERVERS.md).
ids=$(curl -sf -H "$H" "$R/stream/items/ids?output=json&n=10000&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read" |
  json '" ".join(r["id"] for r in d["itemRefs"])')
[ "$(wc -w <<<"$ids")" = "$expected" ] || fail "expected $expected unread ids, got: $ids"
form=(-d "T=$token" -d output=json); for i in $ids; do form+=(-d "i=$i"); done
contents=$(curl -sf "$R/stream/items/contents" "${form[@]}")
# contents answers long hex ids for the decimal ids that items/ids gave.
[ "$(echo "$contents" | json 'sorted(int(i["id"].rsplit("/",1)[1],16) for i in d["items"])')" = \
  "$(python3 -c "import json,sys; print(json.dumps(sorted(int(x) for x in sys.argv[1:])))" $ids)" ] || fail "contents ids differ from items/ids"
echo "$contents" | json '[i["title"] for i in d["items"]]' | grep -q "$ZH_TITLE" || fail "no Chinese item in contents"
echo "$contents" | json '[i["content"]["content"] for i in d["items"]]' | grep -q '北京今天天氣晴朗，氣溫' || fail "Chinese body garbled"
ok "$expected items arrived (ids, contents, Chinese text intact)"
first=$(awk '{print $1}' <<<"$ids") second=$(awk '{print $2}' <<<"$ids")
curl -sf -o /dev/null "$R/edit-tag" -d "T=$token" -d "i=$first" -d a=user/-/state/com.google/read
curl -sf -o /dev/null "$R/edit-tag" -d "T=$token" -d "i=$second" -d a=user/-/state/com.google/starred
[ "$(curl -sf -H "$H" "$R/stream/items/ids?output=json&s=user/-/state/com.google/read" | json '[r["id"] for r in d["itemRefs"]]')" = "[\"$first\"]" ] || fail "read mark"
[ "$(curl -sf -H "$H" "$R/stream/items/ids?output=json&s=user/-/state/com.google/starred" | json '[r["id"] for r in d["itemRefs"]]')" = "[\"$second\"]" ] || fail "star mark"
ok "edit-tag read and starred seen in items/ids"

echo "Tiny Tiny RSS (JSON API) at $TIDINGS_TTRSS_URL"
exports=$("$HERE/ttrss.sh" user "check-$run" U_) || fail "ttrss.sh user"
eval "$exports"
T=$TIDINGS_TTRSS_URL
api() { curl -sf "$T" -d "$1"; }
sid=$(api "{\"op\":\"login\",\"user\":\"$U_USER\",\"password\":\"$U_PASSWORD\"}" | json 'd["content"]["session_id"]') || fail "tt-rss login"
for f in rss.xml atom.xml zh.xml; do
  fid=$(api "{\"op\":\"subscribeToFeed\",\"sid\":\"$sid\",\"feed_url\":\"$TIDINGS_FEEDS_URL/$f\"}" | json 'd["content"]["status"]["feed_id"] if d["content"]["status"]["code"]==1 else d')
  [[ "$fid" =~ ^[0-9]+$ ]] || fail "subscribeToFeed $f: $fid"
  # subscribeToFeed does not fetch; updateFeed fetches now and answers when done.
  [ "$(api "{\"op\":\"updateFeed\",\"sid\":\"$sid\",\"feed_id\":$fid}" | json 'd["content"]["status"]')" = OK ] || fail "updateFeed $fid"
done
ok "subscribed to 3 feeds, updated"
# sanitize:false: its sanitizer turns CJK into numeric entities and [::1] in
# URLs into %5B::1%5D.
heads=$(api "{\"op\":\"getHeadlines\",\"sid\":\"$sid\",\"feed_id\":-4,\"limit\":200,\"show_content\":true,\"sanitize\":false}")
[ "$(echo "$heads" | json 'len(d["content"])')" = "$expected" ] || fail "expected $expected headlines: $heads"
echo "$heads" | json '[h["title"] for h in d["content"]]' | grep -q "$ZH_TITLE" || fail "no Chinese headline"
echo "$heads" | json '[h["content"] for h in d["content"]]' | grep -q '北京今天天氣晴朗，氣溫' || fail "Chinese body garbled"
ok "$expected items arrived (getHeadlines -4, Chinese text intact)"
aid=$(echo "$heads" | json 'd["content"][1]["id"]')
api "{\"op\":\"updateArticle\",\"sid\":\"$sid\",\"article_ids\":\"$aid\",\"field\":0,\"mode\":1}" >/dev/null
[ "$(api "{\"op\":\"getHeadlines\",\"sid\":\"$sid\",\"feed_id\":-1}" | json '[h["id"] for h in d["content"]]')" = "[$aid]" ] || fail "star via updateArticle"
ok "updateArticle star seen in feed -1"

echo "all sync server checks passed in $(elapsed)"
