#!/usr/bin/env bash
# Page throughput before and after the reading-layout redesign (docs/benchmarks.md, "The redesign, side by side"):
# two published sites built from git history, BEFORE (main just before the redesign was merged) and AFTER (by
# default this commit), serving the same content, measured in turn in short wrk slices: (a) the anonymous tutorial
# page, (b) the same page for a learner with ticks, (c) the home page, (d) a course page. Whatever the shared
# machine's neighbours do falls on both alike; the order within each cycle alternates.
#
#   flock /work/locks/bench.lock bash bench/redesign-ab.sh [BEFORE [AFTER]]   10 cycles of 3 s each (~5 min + builds)
#   bash bench/redesign-ab.sh --smoke [BEFORE [AFTER]]                         one short cycle: checks that it measures
#   REUSE=1 bash bench/redesign-ab.sh ...      measures the sites the last run published (same refs), without publishing
#
# BEFORE defaults to 7f8d634^1 (main before "Merge branch 'ui'", the reading layout); AFTER to HEAD. Each is
# exported with `git archive` into bench/.out/redesign/ and published there; nothing in the working tree changes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
. bench/lib.sh

CYCLES=10; SLICE=3; WARMUP=3; LEARNERS=50
if [[ "${1:-}" == "--smoke" ]]; then CYCLES=1; SLICE=1; WARMUP=1; LEARNERS=5; shift; fi
BEFORE=$(git rev-parse --short "${1:-7f8d634^1}")
AFTER=$(git rev-parse --short "${2:-HEAD}")
THREADS=2
CONNECTIONS=32
TUTORIAL=/git/staging-and-commits
declare -A PATHS=([a]=$TUTORIAL [b]=$TUTORIAL [c]=/ [d]=/git)
declare -A PORTS=([before]=5411 [after]=5412)
OUT=$REPO/bench/.out/redesign
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y wrk >/dev/null
if [[ "${REUSE:-0}" == 1 && -f "$OUT/refs" && "$(cat "$OUT/refs")" == "$BEFORE $AFTER" ]]; then
    find "$OUT" -maxdepth 1 -type f -delete
    rm -rf "$OUT"/before/data "$OUT"/after/data
else
    REUSE=0
    rm -rf "$OUT"
fi
mkdir -p "$OUT"
cleanup() {
    stop_all_sites
}
trap cleanup EXIT
log() { echo "bench/redesign: $*" >&2; }
log "before $BEFORE, after $AFTER; load: $(uptime | sed 's/.*load average: //')"

# Both sites from git history, published as deployed (fingerprinted, pre-compressed assets).
for which in before after; do
    ref=$([[ $which == before ]] && echo "$BEFORE" || echo "$AFTER")
    mkdir -p "$OUT/$which/src" "$OUT/$which/data"
    [[ $REUSE == 1 ]] && continue
    git archive "$ref" | tar -x -C "$OUT/$which/src"
    log "publishing $which ($ref)"
    (cd "$OUT/$which/src" && dotnet publish src/TutorialSite.Web -c Release -o "$OUT/$which/site" -v q -nologo) \
        >"$OUT/$which/publish.log" 2>&1 || { cat "$OUT/$which/publish.log"; exit 1; }
done
echo "$BEFORE $AFTER" >"$OUT/refs"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/bench-build.log" 2>&1 || { cat "$OUT/bench-build.log"; exit 1; }
BENCH="dotnet $REPO/bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll"

# The same Markdown for both (this tree's content/), so only the code and the layout differ.
for which in before after; do
    port=${PORTS[$which]}
    start_site "$OUT/$which/site" "$port" "$TUTORIAL" "$OUT/$which/site.log" Content__Path="$REPO/content" \
        Data__Path="$OUT/$which/data" ConnectionStrings__Progress="Data Source=$OUT/$which/data/progress.db"
    for path in $TUTORIAL / /git; do
        curl -sf -o "$OUT/$which/page.html" "http://127.0.0.1:$port$path" || { log "$which: $path does not answer"; cat "$OUT/$which/site.log"; exit 1; }
        echo "$which $path $(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$path") $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$path") $(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$path")" >>"$OUT/sizes.txt"
    done
    $BENCH learners "http://127.0.0.1:$port" "$TUTORIAL" "$LEARNERS" "$OUT/learners-$which.lua" >/dev/null
done

# slice NAME CYCLE PORT PATH [wrk args]: appends "NAME CYCLE requests seconds errors" to slices.txt.
slice() {
    local name=$1 cycle=$2 port=$3 path=$4 file="$OUT/wrk-$1-$2.txt"; shift 4
    wrk -t$THREADS -c$CONNECTIONS -d${SLICE}s "$@" "http://127.0.0.1:$port$path" >"$file"
    echo "$name $cycle $(awk '/requests in/ { n = $1 } /^Requests\/sec/ { r = $2 } /Non-2xx/ { e += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) e += $i } END { printf "%d %.3f %d", n, n / r, e }' "$file")" >>"$OUT/slices.txt"
}
measure() { # measure PAGE WHICH CYCLE [SECONDS]
    local page=$1 which=$2 cycle=$3
    if [[ $page == b ]]; then
        LEARNERS_LUA=$OUT/learners-$which.lua slice "$page-$which" "$cycle" "${PORTS[$which]}" "${PATHS[$page]}" -s "$REPO/bench/learner.lua"
    else
        slice "$page-$which" "$cycle" "${PORTS[$which]}" "${PATHS[$page]}"
    fi
}
: >"$OUT/slices.txt"
SLICE_SAVED=$SLICE; SLICE=$WARMUP
for which in before after; do for page in a b c d; do measure $page $which 0; done; done
SLICE=$SLICE_SAVED; : >"$OUT/slices.txt"
log "measuring: wrk -t$THREADS -c$CONNECTIONS, $CYCLES cycles of ${SLICE} s, before and after in turn (order alternating)"
for cycle in $(seq 1 $CYCLES); do
    order=(before after); ((cycle % 2 == 0)) && order=(after before)
    for page in a b c d; do
        for which in "${order[@]}"; do measure $page $which "$cycle"; done
    done
done
log "load after: $(uptime | sed 's/.*load average: //')"

# Requests over time for each, the ratio after/before, and the lowest and highest cycle's ratio.
{
    echo "Before $BEFORE, after $AFTER; page sizes (bytes: plain, gzip, br):"
    echo
    awk '{ printf "- %s %s: %s, %s, %s\n", $1, $2, $3, $4, $5 }' "$OUT/sizes.txt"
    echo
    awk -v tutorial="$TUTORIAL" '
        { req[$1] += $3; sec[$1] += $4; err += $5; c[$1, $2] = $3 / $4; cycles[$2] = 1 }
        END {
            if (err > 0) { print "errors: " err > "/dev/stderr"; exit 1 }
            printf "| page | before (req/s) | after (req/s) | after / before | lowest, highest cycle |\n|---|---:|---:|---:|---|\n"
            split("a b c d", pages, " ")
            names["a"] = "anonymous tutorial"; names["b"] = "learner tutorial"; names["c"] = "home"; names["d"] = "course"
            for (i = 1; i <= 4; i++) {
                p = pages[i]; b = req[p "-before"] / sec[p "-before"]; a = req[p "-after"] / sec[p "-after"]; lo = 9; hi = 0
                for (k in cycles) { r = c[p "-after", k] / c[p "-before", k]; if (r < lo) lo = r; if (r > hi) hi = r }
                printf "| (%s) %s | %.0f | %.0f | %.3f | %.2f, %.2f |\n", p, names[p], b, a, a / b, lo, hi
            }
        }' "$OUT/slices.txt"
} | tee "$OUT/results.md"
