#!/usr/bin/env bash
# The cost of metrics (docs/benchmarks.md, "Metrics on and off"): two copies of the published site on the same
# content, one with Metrics__Port (and its /metrics scraped every 5 s, three times as often as the shipped
# Prometheus config does), one without, measured in turn in short slices with wrk: (a) the anonymous tutorial page,
# (b) the same page for a learner with ticks. Whatever the shared machine's neighbours do falls on both alike; the
# order within each cycle alternates, so neither always goes first. Besides requests per second it reports each site's
# CPU time per request (from /proc): on a machine shared with other work, throughput swings with the neighbours, while
# the CPU a request costs is what metrics can change.
#
#   flock /work/locks/bench.lock bash bench/metrics.sh           10 cycles of 3 s each per measurement (~4 min)
#   bash bench/metrics.sh --control                              the same with metrics off in both: the harness's own
#                                                                noise, what a ratio away from 1 means on this machine
#   bash bench/metrics.sh --smoke                                one short cycle: checks that it still measures
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
. bench/lib.sh

# The warm-up lets both processes' JIT reach its final tier (slower on a busy machine) before anything is counted.
CYCLES=10; SLICE=3; WARMUP=10; LEARNERS=50; CONTROL=false
case "${1:-}" in
    --smoke) CYCLES=1; SLICE=1; WARMUP=1; LEARNERS=5 ;;
    --control) CONTROL=true ;;
    "") ;;
    *) echo "usage: bash bench/metrics.sh [--smoke | --control]" >&2; exit 2 ;;
esac
THREADS=2
CONNECTIONS=32
PAGE=/git/staging-and-commits
OFF_PORT=5401
ON_PORT=5402
METRICS_PORT=5403
OUT=$REPO/bench/.out/metrics
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y wrk >/dev/null
rm -rf "$OUT"
mkdir -p "$OUT/off" "$OUT/on"
PIDS=()
cleanup() {
    # A process killed here ends with 143: not the script's failure (set -e would make it the exit status).
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    stop_all_sites
}
trap cleanup EXIT
log() { echo "bench/metrics: $*" >&2; }

log "building and publishing Release"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
dotnet publish src/TutorialSite.Web -c Release -o "$OUT/site" -v q -nologo >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
BENCH="dotnet $REPO/bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll"

# start NAME PORT [VAR=VALUE...]: the published site as deployed (bench/lib.sh), its own data folder, returns once
# PAGE answers.
start() {
    local name=$1 port=$2; shift 2
    start_site "$OUT/site" "$port" "$PAGE" "$OUT/$name/site.log" Content__Path="$REPO/content" Data__Path="$OUT/$name" "$@"
}
start off $OFF_PORT
OFF_PID=$SITE_PID
if $CONTROL; then
    log "control run: metrics are off in both sites"
    start on $ON_PORT
else
    start on $ON_PORT Metrics__Port=$METRICS_PORT
fi
ON_PID=$SITE_PID
if ! $CONTROL; then
    curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >"$OUT/metrics.txt" || true
    grep -q '^tutorialsite_' "$OUT/metrics.txt" || { log "no metrics on $METRICS_PORT"; exit 1; }
fi
curl -sf -o /dev/null "http://127.0.0.1:$OFF_PORT/metrics" && { log "the site without Metrics__Port serves /metrics"; exit 1; }
# Each site has its own keys: its own learners.
$BENCH learners "http://127.0.0.1:$OFF_PORT" "$PAGE" "$LEARNERS" "$OUT/learners-off.lua" >/dev/null
$BENCH learners "http://127.0.0.1:$ON_PORT" "$PAGE" "$LEARNERS" "$OUT/learners-on.lua" >/dev/null
if ! $CONTROL; then
    ( while sleep 5; do curl -sf -o /dev/null "http://127.0.0.1:$METRICS_PORT/metrics"; done ) &
    PIDS+=($!)
fi

# cpu_ticks (bench/lib.sh): the CPU time (user + system, in clock ticks) a process has used so far.
TICKS_PER_SECOND=$(getconf CLK_TCK)

# slice NAME CYCLE PORT PID [wrk args]: appends "NAME CYCLE requests seconds errors cpu-ticks" to slices.txt. The
# site's CPU time per request is the steadier measure on a busy machine: neighbours take CPU from both sites, but the
# work a request costs stays what it is.
slice() {
    local name=$1 cycle=$2 port=$3 pid=$4; shift 4
    echo "$name $cycle $(wrk_cpu "$OUT/wrk-$name-$cycle.txt" "$pid" -t$THREADS -c$CONNECTIONS -d${SLICE}s "$@" "http://127.0.0.1:$port$PAGE")" >>"$OUT/slices.txt"
}
: >"$OUT/slices.txt"
for which in off on; do
    port=$([[ $which == off ]] && echo $OFF_PORT || echo $ON_PORT)
    wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s "http://127.0.0.1:$port$PAGE" >/dev/null
    LEARNERS_LUA=$OUT/learners-$which.lua wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -s "$REPO/bench/learner.lua" "http://127.0.0.1:$port$PAGE" >/dev/null
done
log "measuring: wrk -t$THREADS -c$CONNECTIONS, $CYCLES cycles of ${SLICE} s, off and on in turn (order alternating)"
for cycle in $(seq 1 $CYCLES); do
    order=(off on); ((cycle % 2 == 0)) && order=(on off)
    for which in "${order[@]}"; do
        port=$([[ $which == off ]] && echo $OFF_PORT || echo $ON_PORT); pid=$([[ $which == off ]] && echo $OFF_PID || echo $ON_PID)
        slice "a-$which" "$cycle" "$port" "$pid"
    done
    for which in "${order[@]}"; do
        port=$([[ $which == off ]] && echo $OFF_PORT || echo $ON_PORT); pid=$([[ $which == off ]] && echo $OFF_PID || echo $ON_PID)
        LEARNERS_LUA=$OUT/learners-$which.lua slice "b-$which" "$cycle" "$port" "$pid" -s "$REPO/bench/learner.lua"
    done
done

# Requests over time for each, the ratio on/off, the median, lowest and highest cycle's ratio; then the sites' CPU
# time per request and its ratio off/on (above 1: metrics on costs less CPU per request; the throughput a CPU-bound
# machine would get, on/off).
uptime | sed 's/^ */load: /' >&2
awk -v hz="$TICKS_PER_SECOND" '
    { req[$1] += $3; sec[$1] += $4; err += $5; cpu[$1] += $6; c[$1, $2] = $3 / $4; u[$1, $2] = $6 / $3; cycles[$2] = 1 }
    END {
        if (err > 0) { print "errors: " err > "/dev/stderr"; exit 1 }
        printf "| page | metrics off (req/s) | metrics on (req/s) | on / off | median, lowest, highest cycle | CPU per request off, on (µs) | CPU off / on | median cycle |\n|---|---:|---:|---:|---|---|---:|---:|\n"
        split("a b", pages, " ")
        for (i = 1; i <= 2; i++) {
            p = pages[i]; off = req[p "-off"] / sec[p "-off"]; on = req[p "-on"] / sec[p "-on"]; n = 0; delete r
            for (k in cycles) { r[++n] = c[p "-on", k] / c[p "-off", k] }
            for (x = 1; x <= n; x++) for (y = x + 1; y <= n; y++) if (r[y] < r[x]) { t = r[x]; r[x] = r[y]; r[y] = t }
            median = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
            m = 0; delete q
            for (k in cycles) if (u[p "-on", k] > 0) q[++m] = u[p "-off", k] / u[p "-on", k]
            for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (q[y] < q[x]) { t = q[x]; q[x] = q[y]; q[y] = t }
            cpuMedian = m == 0 ? 0 : m % 2 ? q[(m + 1) / 2] : (q[m / 2] + q[m / 2 + 1]) / 2
            cpuOff = cpu[p "-off"] / hz / req[p "-off"] * 1e6; cpuOn = cpu[p "-on"] / hz / req[p "-on"] * 1e6
            printf "| (%s) %s | %.0f | %.0f | %.3f | %.2f, %.2f, %.2f | %.1f, %.1f | %.3f | %.3f |\n", p, (p == "a" ? "anonymous" : "learner"),
                off, on, on / off, median, r[1], r[n], cpuOff, cpuOn, cpuOff / cpuOn, cpuMedian
        }
    }' "$OUT/slices.txt" | tee "$OUT/results.md"
