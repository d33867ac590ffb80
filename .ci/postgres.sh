#!/usr/bin/env bash
# Starts a PostgreSQL server on loopback for the PostgreSQL test pass (issue 9) and prints its URL on stdout;
# everything else goes to stderr. Idempotent: installs the Debian package if missing, creates the cluster, the
# role and the database only when absent. Runs as root; the server itself runs as the postgres user.
set -euo pipefail

ROLE=centra_test
DATABASE=centra_test
PASSWORD=centra_test
PORT=5432

log() { echo "postgres.sh: $*" >&2; }

# The client (psql) and postgresql-common can be present without a server: look for the server binary.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing Debian postgresql"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql/*/bin/postgres | awk -F/ '{print $5}' | sort -V | tail -n 1)"
if [ -z "$VERSION" ]; then
  log "no server under /usr/lib/postgresql after installing postgresql"
  exit 1
fi

if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$VERSION main"; then
  log "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main --port "$PORT" >&2
fi

# Loopback only; the test pass opens several pools per test file and three replicas in the fleet test. A drop-in
# (Debian's postgresql.conf includes conf.d) wins over the defaults and leaves postgresql.conf alone.
CONF="/etc/postgresql/$VERSION/main/conf.d/centra-ometria-test.conf"
WANTED="listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 300"
CHANGED=no
if [ "$(cat "$CONF" 2>/dev/null)" != "$WANTED" ]; then
  printf '%s\n' "$WANTED" >"$CONF"
  CHANGED=yes
fi

if pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
  # listen_addresses and max_connections take effect only on a restart.
  if [ "$CHANGED" = yes ]; then pg_ctlcluster "$VERSION" main restart >&2; fi
else
  log "starting cluster $VERSION/main"
  pg_ctlcluster "$VERSION" main start >&2
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

psql_as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

if [ "$(psql_as_postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  log "creating role $ROLE"
  psql_as_postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_as_postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  log "creating database $DATABASE"
  psql_as_postgres -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi
# Test data only: a commit need not wait for the WAL flush (the server never crashes under the tests). The intake
# bench sets it back on for its own connections (docs/performance.md).
psql_as_postgres -c "ALTER DATABASE $DATABASE SET synchronous_commit = off" >&2

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
