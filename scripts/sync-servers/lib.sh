# Shared by the sync test server scripts (sourced, not run): where state
# lives, installing what is missing, processes started and stopped by pid,
# and the one PostgreSQL cluster that Miniflux and Tiny Tiny RSS share.
# Every function is safe to call again: a second `start` finds things done.

SS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Run-time state (pid files, logs, generated feeds): disposable, per checkout.
SS_STATE="${TIDINGS_SYNC_STATE:-$SS_ROOT/target/sync-servers}"
# What takes long to make (the Miniflux binary) outlives `cargo clean`.
SS_CACHE="${TIDINGS_SYNC_CACHE:-$HOME/.cache/tidings/sync-servers}"
mkdir -p "$SS_STATE"

# A PostgreSQL cluster of its own, so the machine's `main` cluster (if any)
# is never touched and `pg_dropcluster` resets everything.
SS_PG_CLUSTER=tidings
SS_PG_PORT="${TIDINGS_PG_PORT:-54329}"

ss_log() { printf '[sync-servers] %s\n' "$*" >&2; }
ss_die() { ss_log "error: $*"; exit 1; }

# Debian packages, installed only when missing. `apt-get update` runs only if
# an install fails without it (a fresh machine has no package lists).
ss_apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ss_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >"$SS_STATE/apt.log" 2>&1 || {
    apt-get update -qq -o DPkg::Lock::Timeout=300 >>"$SS_STATE/apt.log" 2>&1
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >>"$SS_STATE/apt.log" 2>&1 ||
      { tail -20 "$SS_STATE/apt.log" >&2; ss_die "apt-get install ${missing[*]} failed"; }
  }
}

# --- processes, by pid file -------------------------------------------------

# True if the process recorded in $SS_STATE/NAME.pid runs and its command line
# still contains PATTERN (so a recycled pid is never taken for ours).
ss_running() {
  local name=$1 pattern=$2 pid
  pid=$(cat "$SS_STATE/$name.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

# Starts a command in the background, detached from this shell, its output in
# $SS_STATE/NAME.log and its pid in $SS_STATE/NAME.pid.
ss_spawn() {
  local name=$1; shift
  setsid "$@" >>"$SS_STATE/$name.log" 2>&1 </dev/null &
  echo $! >"$SS_STATE/$name.pid"
}

# Stops the process of NAME.pid (if it is still ours): TERM, then KILL after 10 s.
ss_stop_pid() {
  local name=$1 pattern=$2 pid i
  if ss_running "$name" "$pattern"; then
    pid=$(cat "$SS_STATE/$name.pid")
    # ss_spawn made it a process-group leader: signal the group, so workers
    # it forked (PHP's) go with it.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
    ss_log "stopped $name (pid $pid)"
  fi
  rm -f "$SS_STATE/$name.pid"
}

# Waits until URL answers any HTTP status (curl exit 0), up to SECONDS.
ss_wait_http() {
  local url=$1 seconds=${2:-30} i
  for i in $(seq $((seconds * 10))); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.1
  done
  return 1
}

# --- PostgreSQL ------------------------------------------------------------

ss_pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

ss_pg_pid() {
  local v; v=$(ss_pg_version)
  head -1 "/var/lib/postgresql/$v/$SS_PG_CLUSTER/postmaster.pid" 2>/dev/null
}

# Installs PostgreSQL if missing, creates the cluster once, starts it (on
# 127.0.0.1 and a socket only). Records whether we started it, so `stop` of
# the last server stops it and leaves alone a cluster someone else started.
ss_pg_start() {
  ss_apt_install postgresql
  local v; v=$(ss_pg_version)
  [ -n "$v" ] || ss_die "no PostgreSQL server found after install"
  if ! pg_lsclusters -h | awk '{print $1 "/" $2}' | grep -qx "$v/$SS_PG_CLUSTER"; then
    ss_log "creating PostgreSQL $v cluster '$SS_PG_CLUSTER' on port $SS_PG_PORT"
    # pg_dropcluster leaves files it did not make (our conf.d file), and
    # pg_createcluster refuses a configuration directory that exists.
    rm -rf "/etc/postgresql/$v/$SS_PG_CLUSTER"
    pg_createcluster "$v" "$SS_PG_CLUSTER" -p "$SS_PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    # Loopback only; test data, so speed over durability.
    printf "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\n" \
      >"/etc/postgresql/$v/$SS_PG_CLUSTER/conf.d/tidings.conf"
  fi
  if ! pg_ctlcluster "$v" "$SS_PG_CLUSTER" status >/dev/null 2>&1; then
    pg_ctlcluster "$v" "$SS_PG_CLUSTER" start
    touch "$SS_STATE/pg.started-by-us"
  fi
  pg_isready -q -h 127.0.0.1 -p "$SS_PG_PORT" -t 30 || ss_die "PostgreSQL did not answer on port $SS_PG_PORT"
}

ss_psql() { runuser -u postgres -- psql -X -q -p "$SS_PG_PORT" -v ON_ERROR_STOP=1 "$@"; }

# A role NAME with password NAME owning a UTF-8 database NAME; true if created
# now, false if it was already there.
ss_pg_database() {
  local name=$1
  if [ "$(ss_psql -tAc "SELECT 1 FROM pg_database WHERE datname='$name'")" = 1 ]; then
    return 1
  fi
  ss_psql -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$name') THEN
                CREATE ROLE $name LOGIN PASSWORD '$name'; END IF; END\$\$"
  runuser -u postgres -- createdb -p "$SS_PG_PORT" -O "$name" -E UTF8 -T template0 "$name"
  return 0
}

# Stops what the servers share -- the feed server and the cluster, if we
# started them -- once neither Miniflux nor tt-rss of ours still runs.
ss_release_shared() {
  local other
  for other in miniflux ttrss; do
    [ -s "$SS_STATE/$other.pid" ] && kill -0 "$(cat "$SS_STATE/$other.pid")" 2>/dev/null && return 0
  done
  "$(dirname "${BASH_SOURCE[0]}")/feeds.sh" stop
  if [ -e "$SS_STATE/pg.started-by-us" ]; then
    local v; v=$(ss_pg_version)
    ss_log "stopping PostgreSQL cluster '$SS_PG_CLUSTER' (pid $(ss_pg_pid))"
    pg_ctlcluster "$v" "$SS_PG_CLUSTER" stop || true
    rm -f "$SS_STATE/pg.started-by-us"
  fi
}

# Drops database NAME (and its role), for a server's `reset`: its next
# start makes everything anew. The server must be stopped.
ss_pg_drop() {
  local name=$1
  ss_pg_start
  runuser -u postgres -- dropdb -p "$SS_PG_PORT" --if-exists "$name"
  ss_psql -c "DROP ROLE IF EXISTS $name"
}
