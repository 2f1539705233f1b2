#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the store's tests.
#
#   eval "$(bash .ci/postgres.sh start)"   # prints the export of MOTCUA_TEST_POSTGRES_URL
#   bash .ci/postgres.sh stop
#
# The cluster lives in a temporary directory, runs as the unprivileged `postgres` user
# (created by Debian's package; as yourself when not root) and listens only on loopback.
set -euo pipefail
PORT="${MOTCUA_PG_PORT:-55432}"
STATE=/tmp/motcua-pg.dir
bindir() { dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    BIN="$(bindir)"
    [ -x "$BIN/initdb" ] || { echo "no PostgreSQL server: apt-get install postgresql" >&2; exit 1; }
    DIR="$(mktemp -d /tmp/motcua-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U motcua -E UTF8 >"$DIR/initdb.log"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >/dev/null
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U motcua motcua_test
    echo "$DIR" >"$STATE"
    echo "export MOTCUA_TEST_POSTGRES_URL=postgresql+psycopg://motcua@127.0.0.1:$PORT/motcua_test"
    ;;
  stop)
    [ -f "$STATE" ] || exit 0
    DIR="$(cat "$STATE")"
    as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR" "$STATE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
