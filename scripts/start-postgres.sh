#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the store tests and prints, as its LAST four lines (data dir, url, user, password),
#   ATTUNE_TEST_PG_URL=jdbc:postgresql://127.0.0.1:<port>/attune_test
#   ATTUNE_TEST_PG_USER=attune_test
#   ATTUNE_TEST_PG_PASSWORD=<random>
# Use:  eval "$(scripts/start-postgres.sh | tail -4 | sed 's/^/export /')"
# Installs Debian's postgresql if missing (needs root), runs the server as the 'postgres' user when started as root
# (PostgreSQL refuses to run as root), on a free loopback port, data under a temp dir. Stop it with
#   pg_ctl -D "$ATTUNE_TEST_PG_DATA" stop   (the data dir is printed on stderr and in ATTUNE_TEST_PG_DATA below)
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "postgresql not installed; installing (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data=$(mktemp -d /tmp/attune-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$data"
port=""
for p in $(shuf -i 20000-60000 -n 50); do # a port nobody answers on
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port found" >&2; exit 1; }
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

as_pg "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >&2
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE USER attune_test PASSWORD '$password'" -c "CREATE DATABASE attune_test OWNER attune_test" >&2
echo "PostgreSQL on 127.0.0.1:$port, data $data (stop: runuser -u postgres -- $bin/pg_ctl -D $data/db stop)" >&2

echo "ATTUNE_TEST_PG_DATA=$data/db"
echo "ATTUNE_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/attune_test"
echo "ATTUNE_TEST_PG_USER=attune_test"
echo "ATTUNE_TEST_PG_PASSWORD=$password"
