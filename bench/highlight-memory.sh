#!/usr/bin/env bash
# Resident memory through a first start that highlights 2,000 synthetic tutorials (50,000 code lines in six
# languages): the process's RSS and its high-water mark (VmHWM) sampled every 100 ms from start until the edit
# is visible, for one or more commits, in turn, ROUNDS times. Each commit is published from a worktree of its own,
# so editing the tree meanwhile changes nothing.
#
#   flock /work/locks/bench.lock bash bench/highlight-memory.sh [ROUNDS] [COMMIT...]   (default: 3 HEAD)
#   COUNTERS=1 ...   also records dotnet-counters (System.Runtime, every second) beside the samples
#
# Prints, per start: ready (first page answers, ms since start), RSS then, all code highlighted (the last course's
# last page has token spans), the peak RSS (VmHWM) until then, RSS 5 s later, an edit visible (ms), and the peak
# over the whole run. The samples (ms since start, RSS MB, HWM MB) and the site's log are kept in bench/.out/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
. bench/lib.sh
ROUNDS=${1:-3}
shift || true
COMMITS=("${@:-HEAD}")
OUT=$REPO/bench/.out/highlight-memory
PORT=5399
# REUSE=1: the sites published by the last run of the same commits are measured again.
[[ "${REUSE:-0}" == 1 ]] || rm -rf "$OUT"
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SAMPLER_PID="" COUNTERS_PID=""
TREES=()
cleanup() {
    [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
    [[ -n "$COUNTERS_PID" ]] && kill "$COUNTERS_PID" 2>/dev/null
    stop_all_sites
    for tree in "${TREES[@]}"; do git -C "$REPO" worktree remove --force "$tree" 2>/dev/null || true; done
    true
}
trap cleanup EXIT

VARIANTS=()
for commit in "${COMMITS[@]}"; do
    sha=$(git rev-parse --short "$commit")
    VARIANTS+=("$sha")
    [[ "${REUSE:-0}" == 1 && -f "$OUT/site-$sha/TutorialSite.Web.dll" ]] && continue
    git -C "$REPO" worktree add --detach "$OUT/tree-$sha" "$sha" >/dev/null
    TREES+=("$OUT/tree-$sha")
    dotnet publish "$OUT/tree-$sha/src/TutorialSite.Web" -c Release -o "$OUT/site-$sha" >"$OUT/publish-$sha.log" \
        || { cat "$OUT/publish-$sha.log"; exit 1; }
done
BENCH=$REPO/bench/TutorialSite.Bench
dotnet build "$BENCH" -c Release >/dev/null

now() { now_ns; }
variant_site() { # variant round: bench/lib.sh's launch_site, the sampler, then wait_ready; sets READY
    local log=$OUT/log-$1-$2.txt
    : >"$log"
    launch_site "$OUT/site-$1" "$PORT" "$log" Content__Path="$OUT/content" \
        ConnectionStrings__Progress="Data Source=$OUT/run.db" Data__Path="$OUT/data" \
        Logging__LogLevel__TutorialSite.Web.Content=Information Logging__Console__TimestampFormat="HH:mm:ss.fff "
    # The sampler: ms since start, RSS and high-water mark in MB, every 100 ms, until the process is gone.
    (
        while [[ -r /proc/$SITE_PID/status ]]; do
            echo "$(ms_since "$STARTED") $(status_mb "$SITE_PID" VmRSS) $(status_mb "$SITE_PID" VmHWM)"
            sleep 0.1
        done
    ) >"$OUT/samples-$1-$2.txt" 2>/dev/null &
    SAMPLER_PID=$!
    if [[ "${COUNTERS:-0}" == 1 ]]; then
        sleep 0.3
        ~/.dotnet/tools/dotnet-counters collect -p "$SITE_PID" --refresh-interval 1 --format csv \
            --counters System.Runtime -o "$OUT/counters-$1-$2.csv" >/dev/null 2>&1 &
        COUNTERS_PID=$!
    fi
    wait_ready "http://127.0.0.1:$PORT/course-001/topic-1" "$log"
    READY=$READY_MS
}
stop_variant() {
    stop_site
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
    if [[ -n "$COUNTERS_PID" ]]; then
        wait "$COUNTERS_PID" 2>/dev/null || true
        COUNTERS_PID=""
    fi
}

echo "$(nproc) cores; load at start: $(uptime | sed 's/.*load average: //')"
echo "variant round ready_ms rss_ready_mb highlighted_ms peak_until_highlighted_mb rss_5s_later_mb edit_ms peak_mb"
for round in $(seq 1 "$ROUNDS"); do
    for variant in "${VARIANTS[@]}"; do
        rm -rf "$OUT/data" "$OUT/content" "$OUT"/run.db*
        dotnet "$BENCH/bin/Release/net10.0/TutorialSite.Bench.dll" generate "$OUT/content" 2000 >/dev/null
        variant_site "$variant" "$round"
        ready=$READY rss=$(status_mb "$SITE_PID" VmRSS)
        until curl -sf "http://127.0.0.1:$PORT/course-100/topic-20" | grep -q 'class="tok-'; do sleep 0.05; done
        highlighted=$(ms_since "$STARTED") peak_h=$(status_mb "$SITE_PID" VmHWM)
        sleep 5
        rss_later=$(status_mb "$SITE_PID" VmRSS)
        marker="edited-$RANDOM$RANDOM" edited=$(now)
        sed -i "s/^title: Topic 1 of course 1\$/title: Topic 1 $marker/" "$OUT/content/course-001/01-topic-1.md"
        until curl -sf "http://127.0.0.1:$PORT/course-001/topic-1" | grep -q "$marker"; do sleep 0.01; done
        edit=$(ms_since "$edited")
        sleep 2
        peak=$(status_mb "$SITE_PID" VmHWM)
        stop_variant
        echo "$variant $round $ready $rss $highlighted $peak_h $rss_later $edit $peak"
    done
done
echo "load at end: $(uptime | sed 's/.*load average: //')"
