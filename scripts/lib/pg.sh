# PostgreSQL cluster lifecycle for scripts/run and scripts/test. Source it.
# A cluster lives in a folder: DIR/pgdata (data), DIR/pgrun (unix socket, no TCP).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# unprivileged 'postgres' user.

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || { echo "PostgreSQL server binaries not found (run scripts/setup)" >&2; return 1; }
  echo "$d"
}

# Runs a command as the cluster's owner.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The libpq URL of the cluster in DIR, for database DB.
pg_url() { echo "postgresql://paramsafe@/${2:-paramsafe}?host=$1/pgrun"; }

# pg_start DIR: creates the cluster on first use, starts it, creates database paramsafe.
pg_start() {
  local dir=$1 bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$dir/pgdata" "$dir/pgrun"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir/pgdata" "$dir/pgrun"
    if ! runuser -u postgres -- test -x "$dir/pgrun"; then
      echo "the postgres user cannot reach $dir; give the folders above it o+x" >&2
      return 1
    fi
  fi
  chmod 700 "$dir/pgdata" "$dir/pgrun"
  if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$dir/pgdata" -U paramsafe --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  touch "$dir/postgres.log"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/postgres.log"
  pg_as_owner "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 60 \
    -o "-k $dir/pgrun -c listen_addresses='' -c max_connections=200 -c shared_buffers=256MB" \
    start >/dev/null || { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  if ! "$bin/psql" "$(pg_url "$dir" postgres)" -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = 'paramsafe'" | grep -q 1; then
    "$bin/psql" "$(pg_url "$dir" postgres)" -qc "CREATE DATABASE paramsafe" >/dev/null
  fi
}

# pg_stop DIR: fast shutdown (rolls back open transactions, then checkpoints).
pg_stop() {
  local dir=$1 bin
  bin=$(pg_bindir) || return 1
  [ -f "$dir/pgdata/postmaster.pid" ] || return 0
  pg_as_owner "$bin/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null || true
}
