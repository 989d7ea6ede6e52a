#!/usr/bin/env bash
# A development PostgreSQL owned by this checkout: cluster in $CEM_DATA_DIR/pg, listening only on
# 127.0.0.1:${CEM_DEV_PG_PORT:-55432}, unix socket in $CEM_DATA_DIR/pg-run (never /var/run).
#
#   packaging/dev/pg.sh start            initdb once, start, create the cem_* databases, print details
#   packaging/dev/pg.sh stop             stop (data is kept)
#   packaging/dev/pg.sh status           exit 0 when running, 3 when not
#   packaging/dev/pg.sh psql [args]      psql as postgres (default database cem_control)
#   packaging/dev/pg.sh install          make sure the server binaries exist (apt-get install postgresql)
#   packaging/dev/pg.sh connstring DB    print the Npgsql connection string for DB (used by ./cem)
#
# Auth: scram-sha-256 with a random password generated on first start and kept in
# $CEM_DATA_DIR/pg-password (mode 600). It is not a secret worth much (loopback, dev data), but it
# keeps other local users out and makes the connection strings look like production ones.
#
# As root: initdb/postgres refuse to run as root, so they run as the 'postgres' OS user
# (runuser) and the cluster folders are chowned to it. That user must be able to reach
# $CEM_DATA_DIR; if the checkout lives under /root it cannot, and start fails with a hint to set
# CEM_DATA_DIR (e.g. CEM_DATA_DIR=/var/tmp/cem). We do not silently move the data elsewhere.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$(realpath -m -- "${CEM_DATA_DIR:-$REPO_ROOT/.data}")"
PG_DIR="$DATA_DIR/pg"
SOCKET_DIR="$DATA_DIR/pg-run"
PASSWORD_FILE="$DATA_DIR/pg-password"
LOG_FILE="$PG_DIR/server.log"
PORT="${CEM_DEV_PG_PORT:-55432}"
DATABASES=(cem_control cem_cn_east cem_eu_central)

# One line per argument, so long hints stay readable.
die() {
    printf 'pg.sh: %s\n' "$1" >&2
    (( $# > 1 )) && printf '  %s\n' "${@:2}" >&2
    exit 1
}
is_root() { [[ "$(id -u)" == 0 ]]; }

# Runs a PostgreSQL server tool; as root, as the postgres user (from / so a cwd under /root is no issue).
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The bin folder: $CEM_PG_BIN, else the version the cluster was created with, else the newest installed.
find_bin() {
    if [[ -n "${CEM_PG_BIN:-}" ]]; then
        [[ -x "$CEM_PG_BIN/initdb" ]] || die "CEM_PG_BIN=$CEM_PG_BIN has no initdb."
        echo "$CEM_PG_BIN"
        return
    fi
    if [[ -f "$PG_DIR/PG_VERSION" ]]; then
        local version
        version="$(<"$PG_DIR/PG_VERSION")"
        # A cluster only runs with the major version that created it.
        if [[ -x "/usr/lib/postgresql/$version/bin/postgres" ]]; then
            echo "/usr/lib/postgresql/$version/bin"
            return
        fi
        die "the cluster in $PG_DIR is PostgreSQL $version, but /usr/lib/postgresql/$version/bin is missing." \
            "Install postgresql-$version, or remove $PG_DIR to start over (dev data is lost)."
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    fi
}

# Installs the PostgreSQL server package when no binaries are found. Debian/Ubuntu only.
ensure_binaries() {
    [[ -n "$(find_bin)" ]] && return 0
    command -v apt-get >/dev/null || die "PostgreSQL server binaries not found and apt-get is unavailable. Install PostgreSQL, or set CEM_PG_BIN."
    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null || die "PostgreSQL server binaries not found. Run as root: apt-get install -y postgresql (or set CEM_PG_BIN)."
        sudo=(sudo)
    fi
    echo "pg.sh: PostgreSQL server binaries not found; installing the 'postgresql' package..." >&2
    # Try without 'apt-get update' first: it is slow and needs the network; only refresh if the install fails.
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; then
        "${sudo[@]}" apt-get update
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    fi
    [[ -n "$(find_bin)" ]] || die "installed 'postgresql' but found no /usr/lib/postgresql/*/bin/initdb."
}

require_bin() {
    BIN="$(find_bin)"
    [[ -n "$BIN" ]] || die "PostgreSQL server binaries not found. Run '$0 install' (or apt-get install -y postgresql), or set CEM_PG_BIN."
}

is_initialized() { [[ -f "$PG_DIR/PG_VERSION" ]]; }

is_running() {
    is_initialized || return 1
    local bin
    bin="$(find_bin)"
    [[ -n "$bin" ]] || return 1
    as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1
}

# The port the running server actually uses (line 4 of postmaster.pid), else the configured one.
running_port() {
    local port=""
    if is_running && [[ -f "$PG_DIR/postmaster.pid" ]]; then
        port="$(sed -n 4p "$PG_DIR/postmaster.pid")"
    fi
    echo "${port:-$PORT}"
}

password() {
    [[ -f "$PASSWORD_FILE" ]] || die "$PASSWORD_FILE is missing. If the cluster exists, its password is lost:" \
        "stop it and remove $PG_DIR to re-create it (dev data is lost)."
    <"$PASSWORD_FILE" tr -d '\n'
}

# Quotes a value for postgresql.conf: single quotes, embedded quotes doubled.
conf_quote() { printf "'%s'" "${1//\'/\'\'}"; }

# Makes $DATA_DIR exist and, as root, reachable by the postgres user.
prepare_data_dir() {
    mkdir -p "$DATA_DIR"
    if is_root; then
        getent passwd postgres >/dev/null || die "the 'postgres' OS user does not exist (it comes with the postgresql package)."
        # postgres only needs to traverse $DATA_DIR (a root umask of 077 would block it).
        chmod a+x "$DATA_DIR"
        if ! runuser -u postgres -- test -x "$DATA_DIR"; then
            die "the 'postgres' OS user cannot reach $DATA_DIR (a parent folder, e.g. /root, is not traversable)." \
                "initdb/postgres cannot run as root, so the cluster must live where postgres can get to it." \
                "Use another folder, e.g.:  CEM_DATA_DIR=/var/tmp/cem $0 start  (export it for ./cem too)."
        fi
    fi
}

init_cluster() {
    if [[ ! -f "$PASSWORD_FILE" ]]; then
        # Hex only, so it needs no quoting in connection strings or pgpass.
        (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$PASSWORD_FILE")
    fi
    chmod 600 "$PASSWORD_FILE"
    mkdir -p "$PG_DIR"
    # initdb reads the password from a file the postgres user can read; a short-lived copy.
    local pwfile="$DATA_DIR/.pg-initdb-pw.$$"
    (umask 077 && password >"$pwfile")
    if is_root; then
        chown postgres:postgres "$pwfile"
        chown -R postgres:postgres "$PG_DIR"
    fi
    chmod 700 "$PG_DIR"
    echo "pg.sh: initializing a new cluster in $PG_DIR ($("$BIN/postgres" --version))"
    if ! as_pg "$BIN/initdb" -D "$PG_DIR" -U postgres --pwfile="$pwfile" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$DATA_DIR/pg-initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$DATA_DIR/pg-initdb.log" >&2
        die "initdb failed (output above, also in $DATA_DIR/pg-initdb.log)."
    fi
    rm -f "$pwfile" "$DATA_DIR/pg-initdb.log"
    # Our settings live in an included file rewritten on every start (see write_settings).
    echo "include_if_exists = 'cem-dev.conf'" | as_pg tee -a "$PG_DIR/postgresql.conf" >/dev/null
}

# Rewritten on each start, so CEM_DEV_PG_PORT / the data folder location can change between runs.
# Written into the config rather than passed with 'pg_ctl -o', which goes through a shell and breaks on spaces.
write_settings() {
    local sockets
    sockets="$(conf_quote "$SOCKET_DIR")"
    # A unix socket path is limited to 107 bytes; a deep checkout would make postgres refuse to start,
    # and we connect over TCP anyway, so then go without a socket.
    if (( ${#SOCKET_DIR} + 20 > 107 )); then
        echo "pg.sh: $SOCKET_DIR is too long for a unix socket path; TCP only." >&2
        sockets="''"
    fi
    {
        echo "# Written by packaging/dev/pg.sh on every start; edits are lost."
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PORT"
        echo "unix_socket_directories = $sockets"
        echo "max_connections = 200"
    } | as_pg tee "$PG_DIR/cem-dev.conf" >/dev/null
}

# psql over TCP as the postgres superuser; the password goes through the environment, not argv.
run_psql() {
    local port
    port="$(running_port)"
    PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGPASSWORD="$(password)" \
        PGDATABASE="${PGDATABASE:-cem_control}" "$BIN/psql" "$@"
}

create_databases() {
    local db exists
    for db in "${DATABASES[@]}"; do
        exists="$(PGDATABASE=postgres run_psql -X -tA -v ON_ERROR_STOP=1 -c "SELECT 1 FROM pg_database WHERE datname = '$db'")"
        if [[ "$exists" != 1 ]]; then
            PGDATABASE=postgres run_psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\""
            echo "pg.sh: created database $db"
        fi
    done
}

connstring() {
    echo "Host=127.0.0.1;Port=$(running_port);Username=postgres;Password=$(password);Database=$1"
}

print_details() {
    local port
    port="$(running_port)"
    cat <<EOF
PostgreSQL (dev) is running
  data:      $PG_DIR  (log: $LOG_FILE)
  address:   127.0.0.1:$port  (loopback only)
  user:      postgres, password in $PASSWORD_FILE
  databases: ${DATABASES[*]}
  example:   Host=127.0.0.1;Port=$port;Username=postgres;Password=<see file>;Database=cem_control
  psql:      ./cem db psql        stop: ./cem db stop
EOF
}

cmd_start() {
    ensure_binaries
    prepare_data_dir
    require_bin
    is_initialized || init_cluster
    if is_running; then
        local actual
        actual="$(running_port)"
        [[ "$actual" == "$PORT" ]] || die "already running on port $actual, not $PORT. Stop it first: $0 stop"
    else
        mkdir -p "$SOCKET_DIR"
        chmod 700 "$SOCKET_DIR"
        if is_root; then chown postgres:postgres "$SOCKET_DIR"; fi
        write_settings
        if ! as_pg "$BIN/pg_ctl" -D "$PG_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null; then
            echo "--- last lines of $LOG_FILE ---" >&2
            tail -n 20 "$LOG_FILE" >&2 || true
            die "PostgreSQL did not start (is port $PORT in use? set CEM_DEV_PG_PORT to use another)."
        fi
    fi
    create_databases
    print_details
}

cmd_stop() {
    if ! is_initialized; then
        echo "pg.sh: no cluster in $PG_DIR; nothing to stop."
        return 0
    fi
    require_bin
    if is_running; then
        as_pg "$BIN/pg_ctl" -D "$PG_DIR" -m fast -w -t 60 stop >/dev/null
        echo "pg.sh: PostgreSQL stopped (data kept in $PG_DIR)."
    else
        echo "pg.sh: PostgreSQL is not running."
    fi
}

cmd_status() {
    if ! is_initialized; then
        echo "not initialized ($PG_DIR does not hold a cluster; '$0 start' creates it)"
        return 3
    fi
    if is_running; then
        echo "running on 127.0.0.1:$(running_port) (data: $PG_DIR)"
        return 0
    fi
    echo "stopped (data: $PG_DIR)"
    return 3
}

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    psql)
        shift
        require_bin
        is_running || die "PostgreSQL is not running; start it with: $0 start"
        run_psql "$@"
        ;;
    install) ensure_binaries; echo "PostgreSQL binaries: $(find_bin)" ;;
    connstring)
        [[ $# == 2 ]] || die "usage: $0 connstring DATABASE"
        connstring "$2"
        ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
