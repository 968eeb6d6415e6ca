#!/usr/bin/env bash
# The cost of metrics (docs/benchmarks.md, "Metrics on and off"): two copies of the published site on the same
# content, one with Metrics__Port (and its /metrics scraped every 5 s, three times as often as the shipped
# Prometheus config does), one without, measured in turn in short slices with wrk: (a) the anonymous tutorial page,
# (b) the same page for a learner with ticks. Whatever the shared machine's neighbours do falls on both alike; the
# order within each cycle alternates, so neither always goes first.
#
#   flock /work/locks/bench.lock bash bench/metrics.sh           10 cycles of 3 s each per measurement (~3 min)
#   bash bench/metrics.sh --smoke                                one short cycle: checks that it still measures
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

CYCLES=10; SLICE=3; WARMUP=3; LEARNERS=50
if [[ "${1:-}" == "--smoke" ]]; then CYCLES=1; SLICE=1; WARMUP=1; LEARNERS=5; fi
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
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    true
}
trap cleanup EXIT
log() { echo "bench/metrics: $*" >&2; }

log "building and publishing Release"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
dotnet publish src/TutorialSite.Web -c Release -o "$OUT/site" -v q -nologo >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
BENCH="dotnet $REPO/bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll"

# start NAME PORT [VAR=VALUE...]: the published site as deployed, its own data folder, returns once PAGE answers.
start() {
    local name=$1 port=$2; shift 2
    env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Content__Path="$REPO/content" \
        Data__Path="$OUT/$name" RateLimits__PerClientPerMinute=0 Logging__LogLevel__Default=Warning "$@" \
        bash -c 'cd "$1" && exec dotnet TutorialSite.Web.dll' _ "$OUT/site" >>"$OUT/$name/site.log" 2>&1 &
    PIDS+=($!)
    until curl -sf -o /dev/null "http://127.0.0.1:$port$PAGE"; do sleep 0.05; done
}
start off $OFF_PORT
start on $ON_PORT Metrics__Port=$METRICS_PORT
curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >"$OUT/metrics.txt" || true
grep -q '^tutorialsite_' "$OUT/metrics.txt" || { log "no metrics on $METRICS_PORT"; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$OFF_PORT/metrics" && { log "the site without Metrics__Port serves /metrics"; exit 1; }
# Each site has its own keys: its own learners.
$BENCH learners "http://127.0.0.1:$OFF_PORT" "$PAGE" "$LEARNERS" "$OUT/learners-off.lua" >/dev/null
$BENCH learners "http://127.0.0.1:$ON_PORT" "$PAGE" "$LEARNERS" "$OUT/learners-on.lua" >/dev/null
( while sleep 5; do curl -sf -o /dev/null "http://127.0.0.1:$METRICS_PORT/metrics"; done ) &
PIDS+=($!)

# slice NAME CYCLE PORT [wrk args]: appends "NAME CYCLE requests seconds errors" to slices.txt.
slice() {
    local name=$1 cycle=$2 port=$3 file="$OUT/wrk-$1-$2.txt"; shift 3
    wrk -t$THREADS -c$CONNECTIONS -d${SLICE}s "$@" "http://127.0.0.1:$port$PAGE" >"$file"
    echo "$name $cycle $(awk '/requests in/ { n = $1 } /^Requests\/sec/ { r = $2 } /Non-2xx/ { e += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) e += $i } END { printf "%d %.3f %d", n, n / r, e }' "$file")" >>"$OUT/slices.txt"
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
        port=$([[ $which == off ]] && echo $OFF_PORT || echo $ON_PORT)
        slice "a-$which" "$cycle" "$port"
    done
    for which in "${order[@]}"; do
        port=$([[ $which == off ]] && echo $OFF_PORT || echo $ON_PORT)
        LEARNERS_LUA=$OUT/learners-$which.lua slice "b-$which" "$cycle" "$port" -s "$REPO/bench/learner.lua"
    done
done

# Requests over time for each, the ratio on/off, and the lowest and highest cycle's ratio.
awk '
    { req[$1] += $3; sec[$1] += $4; err += $5; c[$1, $2] = $3 / $4; cycles[$2] = 1 }
    END {
        if (err > 0) { print "errors: " err > "/dev/stderr"; exit 1 }
        printf "| page | metrics off (req/s) | metrics on (req/s) | on / off | lowest, highest cycle |\n|---|---:|---:|---:|---|\n"
        split("a b", pages, " ")
        for (i = 1; i <= 2; i++) {
            p = pages[i]; off = req[p "-off"] / sec[p "-off"]; on = req[p "-on"] / sec[p "-on"]; lo = 9; hi = 0
            for (k in cycles) { r = c[p "-on", k] / c[p "-off", k]; if (r < lo) lo = r; if (r > hi) hi = r }
            printf "| (%s) %s | %.0f | %.0f | %.3f | %.2f, %.2f |\n", p, (p == "a" ? "anonymous" : "learner"), off, on, on / off, lo, hi
        }
    }' "$OUT/slices.txt" | tee "$OUT/results.md"
