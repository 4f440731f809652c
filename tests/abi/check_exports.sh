#!/bin/sh
# Fails unless the plugin's dynamic symbol table defines exactly one symbol,
# paramsafe_plugin_entry (plugin.h, rule 1).
# Usage: check_exports.sh NM LIBRARY
nm_tool=$1
lib=$2
if [ -z "$nm_tool" ] || [ -z "$lib" ]; then
  echo "usage: $0 NM LIBRARY" >&2
  exit 2
fi
if [ ! -f "$lib" ]; then
  echo "FAIL: $lib does not exist" >&2
  exit 1
fi
if ! out=$("$nm_tool" -D --defined-only "$lib" 2>&1); then
  echo "FAIL: $nm_tool -D --defined-only $lib failed: $out" >&2
  exit 1
fi
# Lines are "ADDRESS TYPE NAME"; keep the names (a versioned name keeps its @VER).
names=$(printf '%s\n' "$out" | awk 'NF >= 3 { print $3 }' | sort -u)
status=0
if ! printf '%s\n' "$names" | grep -qx 'paramsafe_plugin_entry'; then
  echo "FAIL: paramsafe_plugin_entry is not exported by $lib"
  status=1
fi
others=$(printf '%s\n' "$names" | grep -vx 'paramsafe_plugin_entry' | grep -v '^$' || true)
if [ -n "$others" ]; then
  echo "FAIL: $lib exports symbols other than paramsafe_plugin_entry:"
  printf '%s\n' "$others" | sed 's/^/  /'
  status=1
fi
if [ $status -eq 0 ]; then
  echo "ok: $lib exports only paramsafe_plugin_entry"
fi
exit $status
