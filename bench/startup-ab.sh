#!/usr/bin/env bash
# Start-up at 2,000 synthetic tutorials (code in several languages on every page), commits side by side, in turn:
#
#   flock /work/locks/bench.lock bash bench/startup-ab.sh [ROUNDS] [COMMIT...]      (default: 3 main HEAD)
#   TUTORIALS=100 ...   another size;  REUSE=1 ...   the sites the last run published;  ONLY_FIRST=1 ...  no restarts
#   PUBLISH_ONLY=1 bash bench/startup-ab.sh 0 main HEAD, then REUSE=1 under the lock: the publishing outside it
#   SITE_ENV="A=1 B=2" ...   extra environment for every start;  COMMIT@A=1,B=2 as a variant: that commit with a knob
#
# Per commit and round:
# - a FIRST start: no content cache, no highlight cache, a new SQLite database. Ready = /course-001/topic-1 answers
#   200 (ms since the process started) and the process's CPU time then (user+system, ms, from /proc/PID/stat), RSS
#   then; then, as bench/run.sh does: RSS 5 s after the background highlighting finished ("after load"), a crawl of
#   every tutorial page (Brotli) and RSS after it, the edit of one title, how long until it shows, RSS when it shows
#   and 3 s later;
# - a RESTART on the data folder that start left (content-cache.json and the highlight cache): ready and CPU;
# - a restart without content-cache.json (the highlight cache kept): ready and CPU (issue #17: is the cache worth it).
# `uptime` is printed before every start. Sites, logs and samples are kept in bench/.out/startup-ab/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ROUNDS=${1:-3}
shift || true
COMMITS=("$@")
[[ ${#COMMITS[@]} -eq 0 ]] && COMMITS=(main HEAD)
TUTORIALS=${TUTORIALS:-2000}
OUT=$REPO/bench/.out/startup-ab
PORT=5397
[[ "${REUSE:-0}" == 1 ]] || rm -rf "$OUT"
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source bench/lib.sh
cleanup() {
    stop_all_sites
    rm -rf "$OUT/tree"
    true
}
trap cleanup EXIT
log() { echo "startup-ab: $*" >&2; }

# --- publish each commit from an export of its own (editing the tree meanwhile changes nothing) ----------------
VARIANTS=()
declare -A VARIANT_SITE VARIANT_ENV
for spec in "${COMMITS[@]}"; do
    commit=${spec%%@*}
    sha=$(git rev-parse --short "$commit")
    variant=$sha
    [[ "$spec" == *@* ]] && variant="$sha@${spec#*@}"
    VARIANTS+=("$variant")
    VARIANT_SITE[$variant]=$sha
    VARIANT_ENV[$variant]=$([[ "$spec" == *@* ]] && tr ',' ' ' <<<"${spec#*@}" || true)
    # Published already: by this run (a commit named twice, with knobs) or, with REUSE=1, by the last.
    [[ -f "$OUT/site-$sha/TutorialSite.Web.dll" ]] && continue
    rm -rf "$OUT/tree" && mkdir -p "$OUT/tree"
    git archive "$sha" | tar -x -C "$OUT/tree"
    # Bootstrap (wwwroot/lib) is not in git: the working tree's restored copy saves LibMan a fetch.
    [[ -d wwwroot/lib ]] && cp -a wwwroot/lib "$OUT/tree/wwwroot/"
    log "publishing $commit ($sha)"
    (cd "$OUT/tree" && dotnet publish src/TutorialSite.Web -c Release -o "$OUT/site-$sha" -nologo) >"$OUT/publish-$sha.log" 2>&1 \
        || { tail -30 "$OUT/publish-$sha.log"; exit 1; }
done
rm -rf "$OUT/tree"
# PUBLISH_ONLY=1: publish (a build: no lock needed), then measure with REUSE=1 under the bench lock.
[[ "${PUBLISH_ONLY:-0}" == 1 ]] && exit 0
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/bench-build.log" 2>&1 || { cat "$OUT/bench-build.log"; exit 1; }
[[ -d "$OUT/pristine-$TUTORIALS" ]] || dotnet bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll generate "$OUT/pristine-$TUTORIALS" "$TUTORIALS" >/dev/null
find "$OUT/pristine-$TUTORIALS" -name '[0-9]*.md' | sort \
    | sed -E "s#.*/([^/]+)/[0-9]+-([^/]+)\.md#url = \"http://127.0.0.1:$PORT/\1/\2\"\noutput = /dev/null#" >"$OUT/crawl.cfg"
LAST_COURSE=$(find "$OUT/pristine-$TUTORIALS" -mindepth 1 -maxdepth 1 -type d -name 'course-*' | sort | tail -1 | xargs basename)
LAST_PAGE=$(find "$OUT/pristine-$TUTORIALS/$LAST_COURSE" -name '[0-9]*.md' | sort | tail -1 | sed -E 's#.*/[0-9]+-([^/]+)\.md#\1#')

cpu_ms() { echo $(( $(cpu_ticks "$SITE_PID") * 1000 / $(getconf CLK_TCK) )); }
load1() { cut -d' ' -f1 /proc/loadavg; }
# start_variant VARIANT LABEL: sets SITE_PID, READY (ms), CPU (ms), RSS (MB), LOAD (1-minute load average before it).
start_variant() {
    local variant=$1 log=$OUT/log-${1//[^A-Za-z0-9_.-]/_}-$2.txt
    LOAD=$(load1)
    : >"$log"
    # shellcheck disable=SC2086
    launch_site "$OUT/site-${VARIANT_SITE[$variant]}" "$PORT" "$log" Content__Path="$OUT/content" \
        ConnectionStrings__Progress="Data Source=$OUT/data/progress.db" Data__Path="$OUT/data" \
        Logging__LogLevel__TutorialSite.Web.Content=Information ${SITE_ENV:-} ${VARIANT_ENV[$variant]}
    wait_ready "http://127.0.0.1:$PORT/course-001/topic-1"
    CPU=$(cpu_ms)
    READY=$READY_MS
    RSS=$(rss_mb)
}
fresh_content() { rm -rf "$OUT/content" && cp -a "$OUT/pristine-$TUTORIALS" "$OUT/content"; }

echo "$(nproc) cores, $TUTORIALS tutorials; load at start: $(uptime | sed 's/.*load average: //')"
echo "variant round | first: load ready_ms cpu_ms rss_ready_mb highlighted_ms rss_load_mb rss_crawl_mb edit_ms rss_edit_mb rss_edit_3s_mb | restart: load ready_ms cpu_ms rss_mb | no content-cache.json: load ready_ms cpu_ms"
for round in $(seq 1 "$ROUNDS"); do
    for variant in "${VARIANTS[@]}"; do
        fresh_content
        rm -rf "$OUT/data" && mkdir -p "$OUT/data"
        start_variant "$variant" "first-$round"
        first="$LOAD $READY $CPU $RSS"
        if [[ "${ONLY_FIRST:-0}" == 1 ]]; then
            stop_site
            echo "$variant $round | $first"
            continue
        fi
        started=$(now_ns)
        until curl -sf "http://127.0.0.1:$PORT/$LAST_COURSE/$LAST_PAGE" | grep -q 'class="tok-'; do sleep 0.05; done
        highlighted=$(ms_since "$started")
        # The pass ends with a reload and the caches' write: let it settle as a reader would find it.
        sleep 5
        rss_load=$(rss_mb)
        curl -sf -H 'Accept-Encoding: br, gzip' -K "$OUT/crawl.cfg" || { log "crawl: a page did not answer 200"; exit 1; }
        rss_crawl=$(rss_mb)
        marker="edited-$RANDOM$RANDOM" edited=$(now_ns)
        sed -i "s/^title: Topic 1 of course 1\$/title: Topic 1 $marker/" "$OUT/content/course-001/01-topic-1.md"
        until curl -sf "http://127.0.0.1:$PORT/course-001/topic-1" | grep -q "$marker"; do sleep 0.01; done
        edit=$(ms_since "$edited")
        rss_edit=$(rss_mb)
        sleep 3
        rss_edit_later=$(rss_mb)
        stop_site
        first="$first $highlighted $rss_load $rss_crawl $edit $rss_edit $rss_edit_later"
        fresh_content
        rm -rf "$OUT/data-after" && cp -a "$OUT/data" "$OUT/data-after"
        start_variant "$variant" "restart-$round"
        restart="$LOAD $READY $CPU $RSS"
        stop_site
        rm -rf "$OUT/data" && cp -a "$OUT/data-after" "$OUT/data" && rm -f "$OUT/data/content-cache.json"
        start_variant "$variant" "nocache-$round"
        nocache="$LOAD $READY $CPU"
        stop_site
        echo "$variant $round | $first | $restart | $nocache"
    done
done
echo "load at end: $(uptime | sed 's/.*load average: //')"
