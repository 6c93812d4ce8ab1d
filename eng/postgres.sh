#!/usr/bin/env bash
# A PostgreSQL for the scoring cluster on this machine (its tests, or a try-out): installs Debian's package where it is
# missing (as root, from the package registry), runs a PostgreSQL cluster of its own on port 55432, creates the
# database afresh with the tables and queries Orleans's ADO.NET clustering and grain storage need
# (eng/postgres/orleans-tables.sql), and prints the connection string for `silo --postgres` and `score --cluster`.
#   eng/postgres.sh [database]
#   eng/postgres.sh --drop database        (removes a database made by an earlier call)
set -euo pipefail
drop=false
if [ "${1:-}" = "--drop" ]; then drop=true; shift; fi
database=${1:-tinierhar_cluster}
port=55432
tables="$(cd "$(dirname "$0")" && pwd)/postgres/orleans-tables.sql"
if ! command -v pg_ctlcluster > /dev/null; then
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{ print $2 }' | grep -qx tinierhar; then
    pg_createcluster "$version" tinierhar --port "$port" > /dev/null
fi
if ! pg_lsclusters -h | awk '$2 == "tinierhar" { print $4 }' | grep -qx online; then
    pg_ctlcluster "$version" tinierhar start
fi
admin() { PGOPTIONS='-c client_min_messages=warning' runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }
if $drop; then
    admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE);"
    exit 0
fi
admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tinierhar') THEN CREATE ROLE tinierhar LOGIN PASSWORD 'tinierhar'; END IF; END \$\$;"
admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE);" -c "CREATE DATABASE $database OWNER tinierhar;"
PGPASSWORD=tinierhar psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U tinierhar -d "$database" -f "$tables" > /dev/null
echo "Host=127.0.0.1;Port=$port;Database=$database;Username=tinierhar;Password=tinierhar"
