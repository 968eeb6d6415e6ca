#!/usr/bin/env bash
# Highlighting's cost at scale, before (a given commit) and after (the working tree), side by side in one run:
# 2,000 synthetic tutorials with code in six languages (50,000 code lines), each variant started in turn, ROUNDS times.
# Both are built from commits (worktrees), so editing the tree meanwhile changes neither.
#
#   flock /work/locks/bench.lock bash bench/highlight-ab.sh BEFORE_COMMIT [ROUNDS] [AFTER_COMMIT, default HEAD]
#
# Prints, per start: ready (first page answers, ms), RSS at ready (MB), all code highlighted (the last course's
# last page has token spans; ms since start), RSS then, an edit visible (ms), a restart's ready (content and
# highlight caches), a new build's ready (content cache gone, highlight cache kept), the page's bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
. bench/lib.sh
BEFORE=${1:?the commit to compare with}
ROUNDS=${2:-2}
AFTER=$(git rev-parse "${3:-HEAD}")
OUT=$REPO/bench/.out/highlight-ab
PORT=5398
rm -rf "$OUT" && mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cleanup() {
    stop_all_sites
    for tree in base head; do git -C "$REPO" worktree remove --force "$OUT/$tree" 2>/dev/null || true; done
}
trap cleanup EXIT

git -C "$REPO" worktree add --detach "$OUT/base" "$BEFORE" >/dev/null
git -C "$REPO" worktree add --detach "$OUT/head" "$AFTER" >/dev/null
dotnet publish "$OUT/base/src/TutorialSite.Web" -c Release -o "$OUT/before" >"$OUT/publish-before.log"
dotnet publish "$OUT/head/src/TutorialSite.Web" -c Release -o "$OUT/after" >"$OUT/publish-after.log"
BENCH="$OUT/head/bench/TutorialSite.Bench"
dotnet build "$BENCH" -c Release >/dev/null

now() { now_ns; }
variant_site() { # variant data: bench/lib.sh's start_site on this script's content; sets READY (ms since start)
    start_site "$OUT/$1" "$PORT" /course-001/topic-1 "$OUT/site-$1.log" Content__Path="$OUT/content" \
        ConnectionStrings__Progress="Data Source=$OUT/$1.db" Data__Path="$2"
    READY=$READY_MS
}

echo "before $BEFORE, after $AFTER; $(nproc) cores"
echo "variant round ready_ms rss_ready_mb highlighted_ms rss_highlighted_mb edit_ms restart_ms newbuild_ms page_bytes"
for round in $(seq 1 "$ROUNDS"); do
    for variant in before after; do
        data="$OUT/data-$variant"
        rm -rf "$data" "$OUT/$variant.db"*
        rm -rf "$OUT/content"
        dotnet run --project "$BENCH" -c Release --no-build -- generate "$OUT/content" 2000 >/dev/null
        variant_site "$variant" "$data"
        ready=$READY; rss=$(rss_mb)
        # Every page's code highlighted: the last tutorial shows token spans (before: ColorCode's classes).
        until curl -sf "http://127.0.0.1:$PORT/course-100/topic-20" | grep -q 'class="tok-\|class="keyword'; do sleep 0.05; done
        highlighted=$(ms_since "$STARTED"); rss_h=$(rss_mb)
        page=$(curl -sf "http://127.0.0.1:$PORT/course-001/topic-1" | wc -c)
        marker="edited-$RANDOM$RANDOM"; edited=$(now)
        sed -i "s/^title: Topic 1 of course 1\$/title: Topic 1 $marker/" "$OUT/content/course-001/01-topic-1.md"
        until curl -sf "http://127.0.0.1:$PORT/course-001/topic-1" | grep -q "$marker"; do sleep 0.01; done
        edit=$(ms_since "$edited")
        sleep 3 # the caches are written in the background
        stop_site
        variant_site "$variant" "$data"; restart=$READY; stop_site
        rm -f "$data/content-cache.json"
        variant_site "$variant" "$data"; newbuild=$READY; stop_site
        echo "$variant $round $ready $rss $highlighted $rss_h $edit $restart $newbuild $page"
    done
done
