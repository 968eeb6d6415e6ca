#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and benchmarks: Debian's PostgreSQL server (installed when
# missing), initdb'd into a fresh folder and listening on 127.0.0.1 only, on a free port.
#
#   bash tests/postgres/cluster.sh start DIR   # prints the admin connection string (trust auth, loopback only)
#   bash tests/postgres/cluster.sh stop DIR
#
# It never touches a system cluster. It fails loudly when it cannot start: a test run without PostgreSQL
# would skip half of what it claims to test.
set -euo pipefail

command=${1:?usage: cluster.sh start|stop DIR}
dir=${2:?usage: cluster.sh start|stop DIR}

bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$found" ]] || { echo "cluster.sh: no PostgreSQL server in /usr/lib/postgresql" >&2; return 1; }
  echo "$found"
}

as_postgres() {
  # initdb and the server refuse to run as root.
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || ! id postgres >/dev/null 2>&1; then
      echo "cluster.sh: installing Debian's postgresql" >&2
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y postgresql >&2
    fi
    pg=$(bin)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$dir"; fi
    as_postgres "$pg/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; echo "cluster.sh: initdb failed" >&2; exit 1; }
    # Loopback only, a socket in the private folder; fsync off: this cluster's durability across a machine
    # crash is not under test (a killed site process is, and the server stays up for that).
    as_postgres "$pg/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=${PG_FSYNC:-off} -c max_connections=300" start >&2 \
      || { cat "$dir/server.log" >&2; echo "cluster.sh: the PostgreSQL server did not start" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_postgres "$(bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
