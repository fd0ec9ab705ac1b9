#!/usr/bin/env bash
# Regenerates the postgres-*.sql corpus files from the SQL scripts Debian's postgresql-15 package installs
# (PostgreSQL's own catalog and extension scripts, PostgreSQL License). psql meta-commands (\echo … \quit)
# are dropped; each extension script is closed with ';' so that one cannot run into the next.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
share=/usr/share/postgresql/15
cp "$share/system_views.sql" postgres-system-views.sql
cp "$share/information_schema.sql" postgres-information-schema.sql
cp "$share/system_functions.sql" postgres-system-functions.sql
for f in "$share"/extension/*.sql; do
  echo "-- extension script: $(basename "$f")"
  grep -v '^\\' "$f"
  printf '\n;\n'
done > postgres-extensions.sql
