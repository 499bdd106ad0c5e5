#!/usr/bin/env bash
# A real Tiny Tiny RSS (Debian 12's tt-rss package) on 127.0.0.1, with API
# access on for its user `admin`, for the sync tests.
#   ttrss.sh start   install what is missing, start it, print the exports
#   ttrss.sh install only install what is missing (no server started)
#   ttrss.sh reset   stop it and drop its database (the next start begins anew)
#   ttrss.sh stop    stop what start started (by pid)
#   ttrss.sh env     print the shell exports tests use
#   ttrss.sh user NAME [PREFIX]  one more user with API access (exports)
# It runs under PHP's built-in server as www-data. Its update daemon is not
# used: tests make it fetch a feed now with the API's updateFeed.
# Its URL guard refuses feeds on 127.x and on ports other than 80/443: the
# test feeds are at http://[::1]/ (feeds.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PORT="${TIDINGS_TTRSS_PORT:-8280}"
BASE="http://127.0.0.1:$PORT"
WWW=/usr/share/tt-rss/www
PATTERN="php -S 127.0.0.1:$PORT"
# The schema's own user; its password is the schema's default. `user NAME`
# makes more (password NAME-password), for tests that need their own.
USER_NAME=admin USER_PASS=password

env_exports() {
  "$(dirname "$0")/feeds.sh" env
  cat <<EOF
export TIDINGS_TTRSS_URL='$BASE/api/'
export TIDINGS_TTRSS_USER='$USER_NAME' TIDINGS_TTRSS_PASSWORD='$USER_PASS'
export TIDINGS_TTRSS_PID_FILE='$SS_STATE/ttrss.pid'
EOF
}

install_packages() {
  # No database set-up by dbconfig and no web server: this script does both.
  debconf-set-selections <<'SEL'
tt-rss tt-rss/dbconfig-install boolean false
tt-rss tt-rss/reconfigure-webserver multiselect
SEL
  ss_apt_install postgresql tt-rss php-pgsql php-cgi php-curl php-cli dbconfig-no-thanks
}

configure() {
  # Rewritten on every start: the PostgreSQL port and our own port may change.
  install -m 0640 -o root -g www-data /dev/stdin /etc/tt-rss/database.php <<EOF
<?php
\$dbtype='pgsql'; \$dbserver='127.0.0.1'; \$dbport='$SS_PG_PORT';
\$dbname='ttrss'; \$dbuser='ttrss'; \$dbpass='ttrss'; \$basepath='';
EOF
  # LOG_DESTINATION '' : errors go to the database's error log, not syslog.
  sed -i -E "s|define\('SELF_URL_PATH', '[^']*'\)|define('SELF_URL_PATH', '$BASE/')|;
             s|define\('LOG_DESTINATION', '[^']*'\)|define('LOG_DESTINATION', '')|" /etc/tt-rss/config.php
  grep -qF "'SELF_URL_PATH', '$BASE/'" /etc/tt-rss/config.php || ss_die "could not set SELF_URL_PATH in /etc/tt-rss/config.php"
  # The package leaves this one to root; tt-rss caches fetched feeds there.
  chown www-data:www-data /var/cache/tt-rss/feeds
}

ttrss_sql() { PGPASSWORD=ttrss PGOPTIONS="-c client_min_messages=warning" psql -X -q -h 127.0.0.1 -p "$SS_PG_PORT" -U ttrss -d ttrss -v ON_ERROR_STOP=1 "$@"; }

enable_api() {
  ttrss_sql -c "INSERT INTO ttrss_user_prefs(owner_uid, pref_name, profile, value)
    SELECT id, 'ENABLE_API_ACCESS', NULL, 'true' FROM ttrss_users u WHERE login = '$1'
      AND NOT EXISTS (SELECT 1 FROM ttrss_user_prefs p WHERE p.owner_uid = u.id
                        AND p.pref_name = 'ENABLE_API_ACCESS' AND p.profile IS NULL)"
}

# A plain user NAME with API access. In SQL: this tt-rss has no API to make
# users, and its web form mails a random password. "SHA1:" is the oldest hash
# form its auth_internal still accepts (the schema's admin has one).
ensure_user() {
  local name=$1 hash
  hash=$(printf '%s' "$name-password" | sha1sum | cut -d' ' -f1)
  ttrss_sql -c "INSERT INTO ttrss_users(login, pwd_hash, access_level, salt, created)
    SELECT '$name', 'SHA1:$hash', 0, '', NOW() WHERE NOT EXISTS (SELECT 1 FROM ttrss_users WHERE login = '$name')"
  enable_api "$name"
}

start() {
  if ss_running ttrss "$PATTERN"; then env_exports; return 0; fi
  install_packages
  ss_pg_start
  "$(dirname "$0")/feeds.sh" start >/dev/null
  if ss_pg_database ttrss; then
    ss_log "loading the tt-rss schema"
    ttrss_sql -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql >/dev/null
  fi
  enable_api "$USER_NAME"
  configure
  ss_log "starting Tiny Tiny RSS at $BASE"
  # setpriv execs php itself, so the recorded pid is PHP's. Workers: an API
  # call that fetches a feed (updateFeed) must not hold up the others.
  PHP_CLI_SERVER_WORKERS=4 ss_spawn ttrss setpriv --reuid=www-data --regid=www-data --init-groups \
    php -S "127.0.0.1:$PORT" -t "$WWW"
  ss_wait_http "$BASE/api/" 30 || { tail -20 "$SS_STATE/ttrss.log" >&2; ss_die "tt-rss did not start"; }
  curl -sf "$BASE/api/" -d "{\"op\":\"login\",\"user\":\"$USER_NAME\",\"password\":\"$USER_PASS\"}" | grep -q '"session_id"' ||
    ss_die "tt-rss API login failed (see $SS_STATE/ttrss.log)"
  env_exports
}

stop() {
  ss_stop_pid ttrss "$PATTERN"
  ss_release_shared
}

case "${1:-}" in
  start) start ;;
  install) install_packages ;;
  stop) stop ;;
  env) env_exports ;;
  # One more user with API access; prints its exports under the prefix $3.
  user)
    [ -n "${2:-}" ] || ss_die "usage: $0 user NAME [PREFIX]"
    ss_running ttrss "$PATTERN" || ss_die "tt-rss is not running: $0 start"
    ensure_user "$2"
    p=${3:-TIDINGS_TTRSS_}; echo "export ${p}USER='$2' ${p}PASSWORD='$2-password'" ;;
  # Everything anew at the next start: its database is dropped.
  reset) ss_stop_pid ttrss "$PATTERN"; ss_pg_drop ttrss; ss_release_shared ;;
  *) echo "usage: $0 start|stop|env|reset|install|user NAME" >&2; exit 2 ;;
esac
