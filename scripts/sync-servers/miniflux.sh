#!/usr/bin/env bash
# A real Miniflux 2.3.5 on 127.0.0.1, with its Google Reader API enabled for
# a test user, for the sync tests.
#   miniflux.sh start   install what is missing, start it, print the exports
#   miniflux.sh install only build what is missing (no server started)
#   miniflux.sh reset   stop it and drop its database (the next start begins anew)
#   miniflux.sh stop    stop what start started (by pid)
#   miniflux.sh env     print the shell exports tests use
#   miniflux.sh user NAME [PREFIX]  one more user, Google Reader API on (exports)
# First start on a clean machine: PostgreSQL from Debian, then Miniflux built
# from the Go module miniflux.app/v2@v2.3.5 into $SS_CACHE (about 4 min once;
# its source stays in Go's module cache, never in this repository).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VERSION=2.3.5
PORT="${TIDINGS_MINIFLUX_PORT:-8281}"
BASE="http://127.0.0.1:$PORT"
BIN="$SS_CACHE/miniflux-$VERSION/miniflux.app"
PATTERN="$BIN"
GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
# The admin makes users through the REST API; a user reads through the Google
# Reader API with credentials of its own (not the account's): for user NAME,
# NAME-greader and greader-NAME. `user NAME` makes more, for tests that need
# an account of their own.
ADMIN_USER=admin ADMIN_PASS=admin-password
TEST_USER=tidings

# Exports for user NAME (prefix TIDINGS_MINIFLUX_, or $2).
user_exports() {
  local name=$1 p=${2:-TIDINGS_MINIFLUX_}
  cat <<EOF
export ${p}USER='$name' ${p}PASSWORD='$name-password'
export ${p}GREADER_USER='$name-greader' ${p}GREADER_PASSWORD='greader-$name'
EOF
}

env_exports() {
  "$(dirname "$0")/feeds.sh" env
  cat <<EOF
export TIDINGS_MINIFLUX_URL='$BASE'
export TIDINGS_MINIFLUX_ADMIN_USER='$ADMIN_USER' TIDINGS_MINIFLUX_ADMIN_PASSWORD='$ADMIN_PASS'
export TIDINGS_MINIFLUX_PID_FILE='$SS_STATE/miniflux.pid'
EOF
  user_exports "$TEST_USER"
}

build() {
  [ -x "$BIN" ] && return 0
  [ -x "$GO" ] || ss_die "Go not found (set GO=/path/to/go)"
  ss_log "building Miniflux $VERSION into $(dirname "$BIN") (once; about 4 minutes cold)"
  # -modcacherw: the module cache can be deleted without chmod.
  GOBIN="$(dirname "$BIN")" GOFLAGS=-modcacherw "$GO" install \
    -ldflags "-X miniflux.app/v2/internal/version.Version=$VERSION" "miniflux.app/v2@v$VERSION" \
    >"$SS_STATE/miniflux-build.log" 2>&1 || { tail -20 "$SS_STATE/miniflux-build.log" >&2; ss_die "building Miniflux failed"; }
}

# Makes user NAME (if missing) through the REST API as the admin, then enables
# its Google Reader API through Miniflux's own settings page (there is no REST
# endpoint for integrations): log in, read the form's CSRF token, post the
# integration form. Does nothing that is done: ClientLogin tells.
ensure_user() {
  local name=$1 pass="$1-password" gr_user="$1-greader" gr_pass="greader-$1" jar csrf
  if curl -sf -o /dev/null "$BASE/accounts/ClientLogin" --data-urlencode "Email=$gr_user" --data-urlencode "Passwd=$gr_pass"; then
    return 0
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "$BASE/v1/users/$name")" != 200 ]; then
    curl -sf -o /dev/null -u "$ADMIN_USER:$ADMIN_PASS" "$BASE/v1/users" \
      -H 'Content-Type: application/json' -d "{\"username\":\"$name\",\"password\":\"$pass\"}" ||
      ss_die "could not create the Miniflux user $name"
  fi
  jar=$(mktemp)
  csrf_of() { curl -sf -b "$jar" -c "$jar" "$BASE$1" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
  csrf=$(csrf_of /)  # the login page
  curl -sf -o /dev/null -b "$jar" -c "$jar" "$BASE/login" \
    --data-urlencode "csrf=$csrf" --data-urlencode "username=$name" --data-urlencode "password=$pass"
  csrf=$(csrf_of /integrations)
  [ -n "$csrf" ] || { rm -f "$jar"; ss_die "could not log in to Miniflux's web UI as $name"; }
  # The whole form is saved at once; linktaco_visibility is an enum column
  # that refuses the empty value a bare form would give it (a 500).
  curl -sf -o /dev/null -b "$jar" -c "$jar" "$BASE/integration" --data-urlencode "csrf=$csrf" \
    -d linktaco_visibility=PUBLIC -d googlereader_enabled=1 --data-urlencode "googlereader_username=$gr_user" \
    --data-urlencode "googlereader_password=$gr_pass"
  rm -f "$jar"
  curl -sf -o /dev/null "$BASE/accounts/ClientLogin" --data-urlencode "Email=$gr_user" --data-urlencode "Passwd=$gr_pass" ||
    ss_die "Google Reader API still refuses $gr_user after enabling it"
  ss_log "Miniflux user $name, Google Reader API enabled (as $gr_user)"
}

start() {
  if ss_running miniflux "$PATTERN"; then env_exports; return 0; fi
  build
  ss_pg_start
  "$(dirname "$0")/feeds.sh" start >/dev/null
  ss_pg_database miniflux || true
  ss_log "starting Miniflux $VERSION at $BASE"
  # FETCHER_ALLOW_PRIVATE_NETWORKS: since 2.3 the fetcher refuses loopback and
  # private addresses, and the test feeds are on [::1].
  # POLLING_FREQUENCY: the scheduler stays on but out of the way; tests make
  # Miniflux fetch with PUT /v1/feeds/{id}/refresh, which answers when done.
  ss_spawn miniflux env -i PATH=/usr/bin:/bin HOME="$HOME" \
    DATABASE_URL="postgres://miniflux:miniflux@127.0.0.1:$SS_PG_PORT/miniflux?sslmode=disable" \
    RUN_MIGRATIONS=1 CREATE_ADMIN=1 ADMIN_USERNAME="$ADMIN_USER" ADMIN_PASSWORD="$ADMIN_PASS" \
    LISTEN_ADDR="127.0.0.1:$PORT" BASE_URL="$BASE/" \
    FETCHER_ALLOW_PRIVATE_NETWORKS=1 POLLING_FREQUENCY=1440 LOG_LEVEL=info \
    "$BIN"
  ss_wait_http "$BASE/healthcheck" 60 || { tail -20 "$SS_STATE/miniflux.log" >&2; ss_die "Miniflux did not start"; }

  ensure_user "$TEST_USER"
  env_exports
}

stop() {
  ss_stop_pid miniflux "$PATTERN"
  ss_release_shared
}

case "${1:-}" in
  start) start ;;
  install) build ;;
  stop) stop ;;
  env) env_exports ;;
  # One more user with its Google Reader API on; prints its exports under
  # the prefix $3 (default TIDINGS_MINIFLUX_).
  user)
    [ -n "${2:-}" ] || ss_die "usage: $0 user NAME [PREFIX]"
    ss_running miniflux "$PATTERN" || ss_die "Miniflux is not running: $0 start"
    ensure_user "$2"; user_exports "$2" "${3:-TIDINGS_MINIFLUX_}" ;;
  # Everything anew at the next start: its database is dropped.
  reset) ss_stop_pid miniflux "$PATTERN"; ss_pg_drop miniflux; ss_release_shared ;;
  *) echo "usage: $0 start|stop|env|reset|install|user NAME" >&2; exit 2 ;;
esac
