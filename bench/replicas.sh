#!/usr/bin/env bash
# Throughput with one and with two replicas on PostgreSQL, behind the same nginx, on this machine.
#   bash bench/replicas.sh            # writes docs/benchmarks-replicas.md
# Starts a private PostgreSQL cluster on loopback (tests/postgres/cluster.sh), runs `migrate` once, then
# measures with wrk: nginx round-robin over 1 replica, then over 2 (the same processes, same database).
# Two URLs: the tutorial page for an anonymous reader (no database) and for a learner with ticks (one
# indexed query per page). Needs root for the PostgreSQL cluster; installs postgresql, nginx-light and wrk
# from Debian when missing. DURATION (seconds, default 15), CONNECTIONS (default 32).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
page=/docker/images-vs-containers
out=docs/benchmarks-replicas.md
work=$(mktemp -d /var/tmp/tutorialsite-bench.XXXXXX)
chmod 755 "$work" # the cluster inside it runs as the postgres user
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash tests/postgres/cluster.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
if [[ ${#missing[@]} -gt 0 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/TutorialSite.Web -c Release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
dll=$PWD/src/TutorialSite.Web/bin/Release/net10.0/TutorialSite.Web.dll

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A real server's durability: fsync on, as in production.
admin=$(PG_FSYNC=on bash tests/postgres/cluster.sh start "$work/pg")
pgport=$(cat "$work/pg/port")
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export Database__Provider=Postgres
export ConnectionStrings__Progress="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=bench"
export ASPNETCORE_ENVIRONMENT=Production Content__Path=$PWD/content Content__Watch=false
export Logging__LogLevel__Default=Warning RateLimits__PerClientPerMinute=0 RateLimits__PerLearnerPerMinute=0
(cd "$(dirname "$dll")" && dotnet "$dll" migrate >"$work/migrate.log" 2>&1) || { cat "$work/migrate.log"; exit 1; }

start_replica() {
  local port
  port=$(free_port)
  (cd "$(dirname "$dll")" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "$dll") >"$work/site-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && { echo "$port"; return; }
    sleep 0.1
  done
  echo "replica on $port did not start" >&2
  cat "$work/site-$port.log" >&2
  exit 1
}

start_nginx() { # PORT UPSTREAM_PORT...
  local port=$1 conf=$work/nginx-$1
  shift
  mkdir -p "$conf/logs"
  {
    echo "daemon off; worker_processes 1; pid $conf/nginx.pid; error_log $conf/logs/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off; client_body_temp_path $conf/body; proxy_temp_path $conf/proxy;"
    echo "  fastcgi_temp_path $conf/fastcgi; uwsgi_temp_path $conf/uwsgi; scgi_temp_path $conf/scgi;"
    echo "  upstream site {"
    for upstream in "$@"; do echo "    server 127.0.0.1:$upstream;"; done
    echo "    keepalive 64; }"
    echo "  server { listen 127.0.0.1:$port; location / { proxy_pass http://site; proxy_http_version 1.1;"
    echo "    proxy_set_header Connection \"\"; proxy_set_header Host \$http_host;"
    echo "    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }"
  } >"$conf/nginx.conf"
  /usr/sbin/nginx -p "$conf" -c "$conf/nginx.conf" -e "$conf/logs/error.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return; sleep 0.1; done
  echo "nginx did not start" >&2; cat "$conf/logs/error.log" >&2; exit 1
}

# requests/s of one wrk run
measure() { # URL [COOKIE]
  local args=(-t2 "-c$connections" "-d${duration}s" --latency)
  [[ -n "${2:-}" ]] && args+=(-H "Cookie: $2")
  wrk "${args[@]}" "$1" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ { print $2 }'
}

a=$(start_replica)
b=$(start_replica)

# A learner with three ticks, made through replica a: the learner's page reads them from the database.
jar=$work/cookies
html=$(curl -fs -c "$jar" "http://127.0.0.1:$a$page")
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | head -n 1 | sed 's/.*value="//; s/"$//')
for key in image-immutable writable-layer image-in-use; do
  curl -fs -b "$jar" -c "$jar" -H 'Accept: application/json' -o /dev/null \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "key=$key" --data-urlencode "done=true" \
    "http://127.0.0.1:$a$page?handler=Tick"
done
learner="learner=$(awk '$6 == "learner" { print $7 }' "$jar")"
[[ "$learner" != "learner=" ]] || { echo "no learner cookie" >&2; exit 1; }

one=$(free_port); start_nginx "$one" "$a"
two=$(free_port); start_nginx "$two" "$a" "$b"
curl -fs -o /dev/null "http://127.0.0.1:$two$page" # warm-up of both
measure "http://127.0.0.1:$one$page" >/dev/null   # JIT and pools, not counted
measure "http://127.0.0.1:$two$page" >/dev/null

# One, two, two, one: a machine whose load drifts during the run favours neither side.
mean() { python3 -c "print(f'{($1 + $2) / 2:.0f}')"; }
abba() { # COOKIE
  local w x y z
  w=$(measure "http://127.0.0.1:$one$page" "$1"); x=$(measure "http://127.0.0.1:$two$page" "$1")
  y=$(measure "http://127.0.0.1:$two$page" "$1"); z=$(measure "http://127.0.0.1:$one$page" "$1")
  echo "$(mean "$w" "$z") $(mean "$x" "$y")"
}
read -r anon1 anon2 < <(abba "")
read -r learner1 learner2 < <(abba "$learner")
ratio() { python3 -c "print(f'{$2 / $1:.2f}')"; }

cpus=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
cat >"$out" <<MD
# One replica and two, behind nginx, on PostgreSQL

\`bash bench/replicas.sh\` ($(date -u +%F), this machine: $cpus cores, load average $load at the end).
nginx round-robin over one replica, then over two; the same processes and PostgreSQL database (fsync on);
\`wrk -t2 -c$connections -d${duration}s\` after a warm-up run; each figure is the mean of two runs, taken in
the order one, two, two, one. The whole stack (wrk, nginx, PostgreSQL, the replicas) shares the machine's
$cpus cores, so a second replica adds no CPU: the ratio shows what a second replica costs or gains here, not
what a second machine would add.

| page | 1 replica (req/s) | 2 replicas (req/s) | ratio 2/1 |
|---|---|---|---|
| tutorial, anonymous reader | $anon1 | $anon2 | $(ratio "$anon1" "$anon2") |
| tutorial, learner with ticks (one query) | $learner1 | $learner2 | $(ratio "$learner1" "$learner2") |

The machines here are shared and noisy: compare the two columns of one run, not figures across runs.
MD
cat "$out"
