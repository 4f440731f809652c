#!/usr/bin/env bash
# Normalises `pg_dump --schema-only` output (stdin) into the stable form kept in
# schema/paramsafe.sql (stdout): drops comment lines (names, owners, "Dumped
# by" versions), SET lines, the search_path set_config line and the
# \restrict / \unrestrict lines (random per dump since PostgreSQL 15.14), and
# squeezes runs of blank lines to one. Used by scripts/dump-schema, and through
# it by the schema drift test, so both normalise the same way.
set -euo pipefail
LC_ALL=C awk '
  /^--/ || /^SET / || /^SELECT pg_catalog\.set_config\(/ { next }
  /^\\(restrict|unrestrict)([ \t]|$)/ { next }
  /^[ \t]*$/ { blank = 1; next }
  { if (blank && printed) print ""; blank = 0; printed = 1; print }
'
