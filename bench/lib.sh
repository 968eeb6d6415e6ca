# Shared by the scripts in bench/ (source it; it runs nothing by itself): starting the published site as deployed,
# waiting until it answers, stopping it, and reading its memory and CPU time from /proc.
#
#   launch_site SITE_DIR PORT LOG [VAR=VALUE...]   starts `dotnet TutorialSite.Web.dll` in SITE_DIR (the web root is
#                                                  its published wwwroot/) on 127.0.0.1:PORT, output appended to LOG;
#                                                  sets SITE_PID and STARTED (ns) and adds the process to SITE_PIDS
#   wait_ready URL [LOG]                           returns once URL answers 2xx and sets READY_MS (since STARTED); if
#                                                  SITE_PID exits first, prints LOG and exits 1
#   start_site SITE_DIR PORT PATH LOG [VAR=...]    both: launch, then wait for http://127.0.0.1:PORT/PATH
#   stop_site [PID]                                SIGTERM, then waits for it (default SITE_PID, which it clears)
#   stop_all_sites                                 stops every site still running (for an EXIT trap)
#   rss_mb [PID] / status_mb PID FIELD             VmRSS (or any /proc/PID/status field, e.g. VmHWM) in MB
#   cpu_ticks PID                                  user + system CPU time so far, in clock ticks (getconf CLK_TCK)
#   wrk_cpu FILE PID WRK-ARGS...                   one wrk run (output in FILE) with PID's CPU time around it; prints
#                                                  "requests seconds errors cpu-ticks" (errors: non-2xx and socket)
#   now_ns / ms_since NS
#
# Every site gets ASPNETCORE_ENVIRONMENT=Production, RateLimits__PerClientPerMinute=0 (wrk comes from one address)
# and Logging__LogLevel__Default=Warning; VAR=VALUE arguments come after them, so they can override any of them.

SITE_PID=""
SITE_PIDS=()
STARTED=0
READY_MS=0

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

launch_site() {
    local dir=$1 port=$2 log=$3; shift 3
    STARTED=$(now_ns)
    env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
        RateLimits__PerClientPerMinute=0 Logging__LogLevel__Default=Warning "$@" \
        bash -c 'cd "$1" && exec dotnet TutorialSite.Web.dll' _ "$dir" >>"$log" 2>&1 &
    SITE_PID=$!
    SITE_PIDS+=("$SITE_PID")
    SITE_LOG=$log
}

# wait_ready URL [LOG]: until URL answers 200; READY_MS is the time since launch_site. The site listens while its
# content loads and holds a request made meanwhile until the content is there, so one request in flight is enough:
# it is made once the port accepts, which bash checks itself (/dev/tcp, a file descriptor to nap on: no process per
# try). A curl and a sleep every 10 ms instead took ~200 processes a second from the two cores the start was using
# (docs/benchmarks.md, "What the harness's polling cost").
wait_ready() {
    local url=$1 log=${2:-${SITE_LOG:-}} pid=$SITE_PID authority nap fifo
    authority=${url#*://}
    authority=${authority%%/*}
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    exec {nap}<>"$fifo"
    rm -f "$fifo"
    until { : <>"/dev/tcp/${authority%:*}/${authority##*:}"; } 2>/dev/null && curl -sf -o /dev/null --max-time 60 "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "bench: the site exited before $url answered" >&2
            [[ -n "$log" && -f "$log" ]] && cat "$log" >&2
            exit 1
        fi
        read -rt 0.01 -u "$nap" || true
    done
    READY_MS=$(ms_since "$STARTED")
    exec {nap}>&-
}

start_site() {
    local dir=$1 port=$2 path=$3 log=$4; shift 4
    launch_site "$dir" "$port" "$log" "$@"
    wait_ready "http://127.0.0.1:$port$path" "$log"
}

stop_site() {
    local pid=${1:-$SITE_PID}
    [[ -n "$pid" ]] || return 0
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    [[ "$pid" == "$SITE_PID" ]] && SITE_PID=""
    return 0
}

stop_all_sites() {
    local pid
    for pid in "${SITE_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null && stop_site "$pid"
    done
    SITE_PID=""
    return 0
}

status_mb() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
rss_mb() { status_mb "${1:-$SITE_PID}" VmRSS; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
wrk_cpu() {
    local file=$1 pid=$2 before used; shift 2
    before=$(cpu_ticks "$pid")
    wrk "$@" >"$file"
    used=$(( $(cpu_ticks "$pid") - before ))
    echo "$(awk '/requests in/ { n = $1 } /^Requests\/sec/ { r = $2 } /Non-2xx/ { e += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) e += $i } END { printf "%d %.3f %d", n, n / r, e }' "$file") $used"
}
