#!/usr/bin/env bash
# Content load with and without the raw-HTML cleaning, side by side (docs/benchmarks.md, "Raw HTML").
#
#   bash bench/raw-html-ab.sh BEFORE_SITE_DIR AFTER_SITE_DIR [ROUNDS]
#
# Each *_SITE_DIR is a published site (`dotnet publish src/TutorialSite.Web -c Release -o DIR`) of the commit to
# compare. The 2,000 synthetic tutorials of `TutorialSite.Bench generate` are loaded as they are, and again with raw
# HTML in every tutorial (a lesson note and a details disclosure, each with Markdown inside, kbd, sub, a span anchor
# and a script tag to remove), so the sanitizer runs on every page. Each round starts both sites on both contents,
# interleaved, on a first start (no content cache): "ready" is the time until a tutorial answers; the process's CPU
# time (user + system) and RSS are taken then. On a shared machine the CPU time is the steadier of the two.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1 AFTER=$2 ROUNDS=${3:-3}
OUT=${TMPDIR:-/tmp}/raw-html-ab
PORT=5491
rm -rf "$OUT" && mkdir -p "$OUT"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/build.log"
dotnet bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll generate "$OUT/plain" 2000
cp -r "$OUT/plain" "$OUT/raw"
for file in "$OUT"/raw/*/[0-9]*.md; do
    n=$(basename "$file" .md)
    awk -v n="$n" '{ print } /^Its example project is called/ && !done { done = 1
        print ""
        print "<div class=\"lesson-note lesson-note--tip\" markdown=\"1\">"
        print ""
        print "A **note** written as raw HTML: press <kbd>Ctrl</kbd>+<kbd>C</kbd>; water is H<sub>2</sub>O."
        print ""
        print "</div>"
        print ""
        print "<details>"
        print "<summary>Show the answer</summary>"
        print ""
        print "The answer, with `code` and <span id=\"anchor-" n "\">an anchor</span>.<script>alert(1)</script>"
        print ""
        print "</details>" }' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
done
echo "round site content ready_ms cpu_ms rss_mb" | tee "$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
    for content in plain raw; do
        for site in before after; do
            dir=$BEFORE; [[ $site == after ]] && dir=$AFTER
            rm -rf "$dir/App_Data" "$OUT"/ab.db*
            started=$(date +%s%N)
            ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" Content__Path="$OUT/$content" \
            ConnectionStrings__Progress="Data Source=$OUT/ab.db" Logging__LogLevel__Default=Warning \
                bash -c 'cd "$1" && exec dotnet TutorialSite.Web.dll' _ "$dir" >>"$OUT/site.log" 2>&1 &
            pid=$!
            until curl -sf -o /dev/null "http://127.0.0.1:$PORT/course-001/topic-1"; do
                kill -0 "$pid" 2>/dev/null || { tail -20 "$OUT/site.log"; exit 1; }
                sleep 0.01
            done
            ready=$(( ($(date +%s%N) - started) / 1000000 ))
            rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
            cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$pid/stat")
            kill "$pid" && wait "$pid" || true
            echo "$round $site $content $ready $cpu $rss" | tee -a "$OUT/results.txt"
        done
    done
done
