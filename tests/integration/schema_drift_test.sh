#!/usr/bin/env bash
# Schema drift: schema/paramsafe.sql must equal the normalised dump of a freshly
# migrated database (scripts/dump-schema). Usage: schema_drift_test.sh CLI
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=${1:?usage: schema_drift_test.sh PATH_TO_PARAMSAFE_CLI}
if [ -z "${PARAMSAFE_TEST_DATABASE_URL:-}" ]; then
  echo "FAIL: PARAMSAFE_TEST_DATABASE_URL is not set. The integration tests need a throw-away" \
       "PostgreSQL cluster and a superuser URL to its postgres database (see scripts/test)." >&2
  exit 1
fi
committed="$root/schema/paramsafe.sql"
[ -f "$committed" ] || { echo "FAIL: $committed is missing; generate it with scripts/dump-schema" >&2; exit 1; }

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$root/scripts/dump-schema" --cli "$cli" --output "$actual"
if ! diff -u --label schema/paramsafe.sql --label "migrated database" "$committed" "$actual"; then
  echo "FAIL: schema/paramsafe.sql differs from what migrations/ produce (diff above)." \
       "If the migrations are right, regenerate it: scripts/dump-schema" >&2
  exit 1
fi
echo "schema/paramsafe.sql matches the migrated database"
