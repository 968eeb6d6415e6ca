#!/usr/bin/env bash
# Edit-to-visible time right after a first start (while the background pass renders the highlighted tutorials again,
# in batches) and later (the pass done), at 1,000 and 2,000 synthetic tutorials, for two or more commits, interleaved:
# every round starts each commit once per size on the same content, each from an empty data folder (a first start).
#
#   bash bench/edit-visible.sh [ROUNDS] [COMMIT...]   (default: 2 main HEAD; SIZES="1000 2000")
#
# Takes /work/locks/bench.lock itself: once to publish the commits, then once per round and size (about a minute),
# so other benchmarks can run between. Prints per start: ready (first page answers, ms since start), the edit saved
# as the log says the pass's highlighting is done and its tutorials are rendered again ("during", ms until the page
# shows it), and another edit 3 s after the last course's last page is highlighted ("later", ms). Logs in bench/.out/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ROUNDS=${1:-2}
shift || true
if [[ $# -gt 0 ]]; then COMMITS=("$@"); else COMMITS=(main HEAD); fi
SIZES=${SIZES:-"1000 2000"}
OUT=$REPO/bench/.out/edit-visible
LOCK=${LOCK:-/work/locks/bench.lock}
PORT=5398
rm -rf "$OUT"
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source bench/lib.sh
TREES=()
cleanup() {
    stop_all_sites
    for tree in "${TREES[@]}"; do git -C "$REPO" worktree remove --force "$tree" 2>/dev/null || true; done
    true
}
trap cleanup EXIT

VARIANTS=()
BENCH=$REPO/bench/TutorialSite.Bench
exec 9>"$LOCK"
flock 9
for commit in "${COMMITS[@]}"; do
    sha=$(git rev-parse --short "$commit")
    VARIANTS+=("$sha")
    git -C "$REPO" worktree add --detach "$OUT/tree-$sha" "$sha" >/dev/null
    TREES+=("$OUT/tree-$sha")
    dotnet publish "$OUT/tree-$sha/src/TutorialSite.Web" -c Release -o "$OUT/site-$sha" >"$OUT/publish-$sha.log" \
        || { cat "$OUT/publish-$sha.log"; exit 1; }
done
dotnet build "$BENCH" -c Release >/dev/null
for size in $SIZES; do
    dotnet "$BENCH/bin/Release/net10.0/TutorialSite.Bench.dll" generate "$OUT/content-$size" "$size" >/dev/null
done
flock -u 9

edit_and_wait() { # content size -> ms until the page shows the edit
    local marker="edited-$RANDOM$RANDOM" file=$1/course-001/01-topic-1.md started
    started=$(now_ns)
    sed -i "s/^title: Topic 1 .*\$/title: Topic 1 $marker/" "$file"
    until curl -sf "http://127.0.0.1:$PORT/course-001/topic-1" | grep -q "$marker"; do sleep 0.01; done
    ms_since "$started"
}

echo "$(nproc) cores; load at start: $(uptime | sed 's/.*load average: //')"
echo "size variant round ready_ms edit_during_ms edit_later_ms load"
for round in $(seq 1 "$ROUNDS"); do
    for size in $SIZES; do
        flock 9
        last=$(printf 'course-%03d/topic-20' $(( (size + 19) / 20 )))
        for variant in "${VARIANTS[@]}"; do
            rm -rf "$OUT/data" "$OUT"/run.db*
            log=$OUT/log-$size-$variant-$round.txt
            : >"$log"
            launch_site "$OUT/site-$variant" "$PORT" "$log" Content__Path="$OUT/content-$size" \
                ConnectionStrings__Progress="Data Source=$OUT/run.db" Data__Path="$OUT/data" \
                Logging__LogLevel__TutorialSite.Web.Content=Information Logging__Console__TimestampFormat="HH:mm:ss.fff "
            wait_ready "http://127.0.0.1:$PORT/course-001/topic-1"
            ready=$READY_MS
            # The pass has highlighted the code and starts rendering its tutorials again: the edit lands among the batches.
            # (None within 60 s: everything was highlighted before serving, and there is no pass to land in.)
            during=-
            for _ in $(seq 6000); do
                grep -q "Highlighted .* code blocks" "$log" && { during=$(edit_and_wait "$OUT/content-$size"); break; }
                sleep 0.01
            done
            until curl -sf "http://127.0.0.1:$PORT/$last" | grep -q 'class="tok-'; do sleep 0.05; done
            sleep 3
            later=$(edit_and_wait "$OUT/content-$size")
            stop_site
            echo "$size $variant $round $ready $during $later $(cut -d' ' -f1 /proc/loadavg)"
        done
        flock -u 9
    done
done
echo "load at end: $(uptime | sed 's/.*load average: //')"
