#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the tests, from Debian's postgresql package.
#   scripts/postgres-server.sh start DIR PORT   prints the TEST_DATABASE_URL to use
#   scripts/postgres-server.sh stop DIR
# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?data folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found (install the postgresql package)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U waymark_test --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    echo "postgres://waymark_test@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
