#!/usr/bin/env bash
# A real Miniflux 2.3.5 on 127.0.0.1, with its Google Reader API enabled for
# a test user, for the sync tests.
#   miniflux.sh start   install what is missing, start it, print the exports
#   miniflux.sh stop    stop what start started (by pid)
#   miniflux.sh env     print the shell exports tests use
# First start on a clean machine: PostgreSQL from Debian, then Miniflux built
# from the Go module miniflux.app/v2@v2.3.5 into $SS_CACHE (about 4 min once;
# its source stays in Go's module cache, never in this repository).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VERSION=2.3.5
PORT="${TIDINGS_MINIFLUX_PORT:-8281}"
BASE="http://127.0.0.1:$PORT"
BIN="$SS_CACHE/miniflux-$VERSION/miniflux.app"
GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
# The admin makes users through the REST API; the test user reads through the
# Google Reader API, whose credentials are its own (not the account's).
ADMIN_USER=admin ADMIN_PASS=admin-password
TEST_USER=tidings TEST_PASS=tidings-password
GR_USER=tidings-greader GR_PASS=greader-password

env_exports() {
  cat <<EOF
export TIDINGS_MINIFLUX_URL='$BASE'
export TIDINGS_MINIFLUX_ADMIN_USER='$ADMIN_USER' TIDINGS_MINIFLUX_ADMIN_PASSWORD='$ADMIN_PASS'
export TIDINGS_MINIFLUX_USER='$TEST_USER' TIDINGS_MINIFLUX_PASSWORD='$TEST_PASS'
export TIDINGS_MINIFLUX_GREADER_USER='$GR_USER' TIDINGS_MINIFLUX_GREADER_PASSWORD='$GR_PASS'
EOF
}

build() {
  [ -x "$BIN" ] && return 0
  [ -x "$GO" ] || ss_die "Go not found (set GO=/path/to/go)"
  ss_log "building Miniflux $VERSION into $(dirname "$BIN") (once; about 4 minutes cold)"
  # -modcacherw: the module cache can be deleted without chmod.
  GOBIN="$(dirname "$BIN")" GOFLAGS=-modcacherw "$GO" install \
    -ldflags "-X miniflux.app/v2/internal/version.Version=$VERSION" "miniflux.app/v2@v$VERSION"
}

# Enables the Google Reader API of USER through Miniflux's own settings page
# (there is no REST endpoint for integrations): log in, read the form's CSRF
# token, post the integration form. Done once: ClientLogin tells.
enable_greader() {
  local jar csrf
  if curl -sf -o /dev/null "$BASE/accounts/ClientLogin" --data-urlencode "Email=$GR_USER" --data-urlencode "Passwd=$GR_PASS"; then
    return 0
  fi
  jar=$(mktemp)
  csrf_of() { curl -sf -b "$jar" -c "$jar" "$BASE$1" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
  csrf=$(csrf_of /)  # the login page
  curl -sf -o /dev/null -b "$jar" -c "$jar" "$BASE/login" \
    --data-urlencode "csrf=$csrf" --data-urlencode "username=$TEST_USER" --data-urlencode "password=$TEST_PASS"
  csrf=$(csrf_of /integrations)
  [ -n "$csrf" ] || { rm -f "$jar"; ss_die "could not log in to Miniflux's web UI as $TEST_USER"; }
  # The whole form is saved at once; linktaco_visibility is an enum column
  # that refuses the empty value a bare form would give it (a 500).
  curl -sf -o /dev/null -b "$jar" -c "$jar" "$BASE/integration" --data-urlencode "csrf=$csrf" \
    -d linktaco_visibility=PUBLIC -d googlereader_enabled=1 --data-urlencode "googlereader_username=$GR_USER" \
    --data-urlencode "googlereader_password=$GR_PASS"
  rm -f "$jar"
  curl -sf -o /dev/null "$BASE/accounts/ClientLogin" --data-urlencode "Email=$GR_USER" --data-urlencode "Passwd=$GR_PASS" ||
    ss_die "Google Reader API still refuses $GR_USER after enabling it"
  ss_log "Google Reader API enabled for $TEST_USER (as $GR_USER)"
}

start() {
  if ss_running miniflux "$BIN"; then env_exports; return 0; fi
  build
  ss_pg_start
  ss_pg_database miniflux || true
  ss_log "starting Miniflux $VERSION at $BASE"
  # FETCHER_ALLOW_PRIVATE_NETWORKS: since 2.3 the fetcher refuses loopback and
  # private addresses, and the test feeds are on [::1].
  # POLLING_FREQUENCY: the scheduler stays on but out of the way; tests make
  # Miniflux fetch with PUT /v1/feeds/{id}/refresh, which answers when done.
  env -i PATH=/usr/bin:/bin HOME="$HOME" \
    DATABASE_URL="postgres://miniflux:miniflux@127.0.0.1:$SS_PG_PORT/miniflux?sslmode=disable" \
    RUN_MIGRATIONS=1 CREATE_ADMIN=1 ADMIN_USERNAME="$ADMIN_USER" ADMIN_PASSWORD="$ADMIN_PASS" \
    LISTEN_ADDR="127.0.0.1:$PORT" BASE_URL="$BASE/" \
    FETCHER_ALLOW_PRIVATE_NETWORKS=1 POLLING_FREQUENCY=1440 LOG_LEVEL=info \
    setsid "$BIN" >>"$SS_STATE/miniflux.log" 2>&1 </dev/null &
  echo $! >"$SS_STATE/miniflux.pid"
  ss_wait_http "$BASE/healthcheck" 60 || { tail -20 "$SS_STATE/miniflux.log" >&2; ss_die "Miniflux did not start"; }

  # The test user, through the REST API as the admin (409-free: look first).
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "$BASE/v1/users/$TEST_USER")" != 200 ]; then
    curl -sf -o /dev/null -u "$ADMIN_USER:$ADMIN_PASS" "$BASE/v1/users" \
      -H 'Content-Type: application/json' -d "{\"username\":\"$TEST_USER\",\"password\":\"$TEST_PASS\"}" ||
      ss_die "could not create the Miniflux user $TEST_USER"
  fi
  enable_greader
  env_exports
}

stop() {
  ss_stop_pid miniflux "$BIN"
  ss_pg_release
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) env_exports ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
