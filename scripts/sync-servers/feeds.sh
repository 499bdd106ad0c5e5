#!/usr/bin/env bash
# The test feeds both sync servers subscribe to, served at http://[::1]/ by
# Python's http.server. [::1] port 80 because Tiny Tiny RSS refuses feeds on
# 127.x and on ports other than 80/443 (binding port 80 needs root).
#   feeds.sh start   write the feeds (once) and serve them
#   feeds.sh stop    stop the server started here (by its pid)
#   feeds.sh env     print the shell exports tests use
# To add items: make-feeds.py "$TIDINGS_FEEDS_DIR" --items N (stable guids).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FEEDS_DIR="$SS_STATE/feeds"
FEEDS_URL="http://[::1]"
PATTERN="http.server --bind ::1 80"

env_exports() {
  cat <<EOF
export TIDINGS_FEEDS_DIR='$FEEDS_DIR'
export TIDINGS_FEEDS_URL='$FEEDS_URL'
EOF
}

case "${1:-}" in
  start)
    [ -e "$FEEDS_DIR/rss.xml" ] || python3 "$(dirname "$0")/make-feeds.py" "$FEEDS_DIR"
    if ! ss_running feeds "$PATTERN"; then
      ss_spawn feeds python3 -m http.server --bind ::1 80 --directory "$FEEDS_DIR"
      ss_wait_http "$FEEDS_URL/rss.xml" 10 || { tail "$SS_STATE/feeds.log" >&2; ss_die "feed server did not start"; }
      ss_log "feeds served at $FEEDS_URL/ from $FEEDS_DIR"
    fi
    env_exports
    ;;
  stop) ss_stop_pid feeds "$PATTERN" ;;
  env) env_exports ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
