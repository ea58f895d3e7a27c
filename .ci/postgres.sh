#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests, from the Debian packages' binaries.
#
#   eval "$(.ci/postgres.sh start)"   # starts one; prints the exports below
#   .ci/postgres.sh stop "$SITROOM_POSTGRES_DIR"
#
# The server lives in a fresh temporary folder, listens on 127.0.0.1 only (and on a socket in
# that folder) on a free port, trusts local connections, and is removed on stop. It runs as the
# `postgres` user when started by root, because PostgreSQL refuses to run as root.
set -euo pipefail

bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ ! -x "$bin/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
    exit 2
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local dir port
    dir="$(mktemp -d "${TMPDIR:-/tmp}/sitroom-pg.XXXXXX")"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # C locale: text sorts by code point, as it does in SQLite.
    as_owner "$bin/initdb" -D "$dir/data" -U sitroom --auth=trust --encoding=UTF8 --no-locale \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: the data is thrown away with the folder, so durability only costs time here.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U sitroom sitroom
    echo "export SITROOM_POSTGRES_DIR=$dir"
    echo "export SITROOM_TEST_POSTGRES=postgresql://sitroom@127.0.0.1:$port/sitroom"
}

stop() {
    local dir="${1:?usage: postgres.sh stop DIR}"
    case "$dir" in
        */sitroom-pg.*) ;;
        *) echo "postgres.sh: $dir is not a folder this script made" >&2; exit 2 ;;
    esac
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
