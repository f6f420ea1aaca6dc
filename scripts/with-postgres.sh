#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: installs the server from the distribution's
# packages when it is missing (Debian or Ubuntu, as root or with sudo), makes a cluster in a temporary
# folder owned by an unprivileged user, starts it on a free port listening on a Unix socket only, sets
# BODESK_TEST_DATABASE_URL to an empty database on it, runs the command, then stops the server and
# removes the folder whatever the command did.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "with-postgres: $*" >&2; }

server_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Without a server and without a way to install one, the run is left out with a loud line, unless
# BODESK_REQUIRE_POSTGRES=1 makes that a failure.
cannot() {
  say "$1"
  if [ "${BODESK_REQUIRE_POSTGRES:-0}" = "1" ]; then exit 1; fi
  say "THE POSTGRESQL RUN IS LEFT OUT (set BODESK_REQUIRE_POSTGRES=1 to make this a failure)."
  exit 0
}

install_server() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo="sudo"
  fi
  $sudo apt-get update -qq || return 1
  # The package starts a cluster of its own where an init system runs; ours is separate either way.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
}

if ! bin=$(server_bin); then
  command -v apt-get >/dev/null 2>&1 \
    || cannot "PostgreSQL's server (initdb, pg_ctl) is not installed and this system has no apt-get: install it."
  say "installing PostgreSQL from the distribution's packages"
  install_server || cannot "PostgreSQL could not be installed (apt-get as root or with sudo)."
  bin=$(server_bin) || cannot "PostgreSQL was installed but initdb was not found."
fi

# initdb refuses to run as root: the cluster belongs to the `postgres` user the package made.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_owner=(runuser -u postgres --)
fi

folder=$(mktemp -d /tmp/bodesk-pg.XXXXXX)
chmod 755 "$folder"
[ "${#as_owner[@]}" -eq 0 ] || chown postgres "$folder"
port=$(.venv/bin/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
  || "${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
  -o "-k $folder -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$folder/server.log" >&2; exit 1; }
createdb="$bin/createdb"; [ -x "$createdb" ] || createdb=$(command -v createdb)
"$createdb" -h "$folder" -p "$port" -U postgres bodesk_test

export BODESK_TEST_DATABASE_URL="postgresql://postgres@/bodesk_test?host=$folder&port=$port"
say "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $NF}') on $folder port $port"
"$@"
