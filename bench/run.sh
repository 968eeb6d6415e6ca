#!/usr/bin/env bash
# The benchmark harness (bench/README.md): builds Release, starts the site on three tutorial pages of about 12, 17
# and 30 kB of HTML (`TutorialSite.Bench sized`) and nginx on the same bytes, measures side by side with wrk, runs
# the scale and micro-benchmarks, and writes the results into docs/benchmarks.md (between its "results" markers).
#
#   bash bench/run.sh            full run (~13 min with the soak): scale at 100/1,000/2,000 tutorials
#   bash bench/run.sh --smoke    a few seconds per measurement; checks that the harness works, writes
#                                bench/.out/benchmarks.md and leaves docs/ alone
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
. bench/lib.sh

SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1

THREADS=2
CONNECTIONS=32
# (d), (a) and (b) are measured at each page size in CYCLES cycles of SLICE seconds each, one after the other (see
# "side by side").
if ((SMOKE)); then
    DURATION=2s; WARMUP=1s; LEARNERS=200; SCALE_SIZES="100"; SCALE_DURATION=1s; CYCLES=1; SLICE=1
else
    DURATION=10s; WARMUP=3s; LEARNERS=8000; SCALE_SIZES="100 1000 2000"; SCALE_DURATION=5s; CYCLES=6; SLICE=3
fi
# The three pages (bench/TutorialSite.Bench/SyntheticContent.cs, `Sized`): one course, so the navigation, which lists
# every course, is as short as it gets. (c) and (e) use the large one.
SIZES="small medium large"
PAGE=/sizes/large
OUT=$REPO/bench/.out
SITE_PORT=5391
NGINX_PORT=5392
SCALE_PORT=5393
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || [[ ! -x /usr/sbin/nginx ]]; then
    apt-get -o DPkg::Lock::Timeout=600 install -y wrk nginx-light >/dev/null
fi

rm -rf "$OUT"
mkdir -p "$OUT"
cleanup() {
    stop_all_sites
    [[ -f "$OUT/nginx/nginx.pid" ]] && kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null
    rm -rf "$REPO/wwwroot/_bench"
    true
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }

# --- build ---------------------------------------------------------------------------------------------------
log "building Release"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
BENCH="dotnet $REPO/bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll"
publish() {
    dotnet publish src/TutorialSite.Web -c Release -o "$OUT/site" -v q -nologo >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
}

# --- the site ------------------------------------------------------------------------------------------------
# site PORT CONTENT DATABASE PATH [SETTING=VALUE...]: the published site in its own folder (bench/lib.sh: as deployed,
# the web root is the published wwwroot/), returns once PATH answers; sets SITE_PID and READY_MS.
site() {
    local port=$1 content=$2 database=$3 path=$4; shift 4
    start_site "$OUT/site" "$port" "$path" "$OUT/site.log" Content__Path="$content" ConnectionStrings__Progress="Data Source=$database" "$@"
}
# The side-by-side runs measure serving, not a first start: every block is highlighted before the site answers, so the
# pages are the same bytes after the restart and no background pass swaps snapshots under the slices.
HIGHLIGHT_FIRST=Content__HighlightBeforeServing=00:05:00

# --- wrk -----------------------------------------------------------------------------------------------------
# measure NAME URL [wrk args]: one wrk run; appends "NAME rps p50 p99 errors" (latencies in ms) to results.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
measure() {
    local name=$1 url=$2; shift 2
    wrk -t$THREADS -c$CONNECTIONS -d$WARMUP "$@" "$url" >/dev/null
    wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency "$@" "$url" >"$OUT/wrk-$name.txt"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$OUT/wrk-$name.txt")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk-$name.txt")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-$name.txt")")
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$OUT/wrk-$name.txt")
    echo "$name $rps $p50 $p99 $errors" >>"$OUT/results.txt"
    log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors errors"
}

# --- (a)..(e) side by side -----------------------------------------------------------------------------------
log "publishing the site"
$BENCH sized "$OUT/sizes"
publish
site $SITE_PORT "$OUT/sizes" "$OUT/progress.db" "$PAGE" "$HIGHLIGHT_FIRST"
for size in $SIZES; do
    curl -sf "http://127.0.0.1:$SITE_PORT/sizes/$size" -o "$OUT/page-$size.html"
done
stop_site
# (e) needs the large page's bytes as one of the site's own static assets: built in, fingerprinted and compressed
# like the others, at /_bench/page.html. The folder is removed again on exit.
mkdir -p "$REPO/wwwroot/_bench"
cp "$OUT/page-large.html" "$REPO/wwwroot/_bench/page.html"
publish
rm -rf "$REPO/wwwroot/_bench"
rm -f "$OUT"/progress.db*
site $SITE_PORT "$OUT/sizes" "$OUT/progress.db" "$PAGE" "$HIGHLIGHT_FIRST"
SITE="http://127.0.0.1:$SITE_PORT"
cmp -s "$OUT/page-large.html" <(curl -sf "$SITE/_bench/page.html") || { log "the static copy differs from the page"; exit 1; }
# sizes.txt: "SIZE bytes brotli gzip" for each page.
: >"$OUT/sizes.txt"
for size in $SIZES; do
    cmp -s "$OUT/page-$size.html" <(curl -sf "$SITE/sizes/$size") || { log "/sizes/$size changed after a restart"; exit 1; }
    echo "$size $(stat -c %s "$OUT/page-$size.html") $(curl -sf -H 'Accept-Encoding: br' "$SITE/sizes/$size" | wc -c)" \
        "$(curl -sf -H 'Accept-Encoding: gzip' "$SITE/sizes/$size" | wc -c)" >>"$OUT/sizes.txt"
done
CSS_HEADERS=$(curl -sf -D - -o /dev/null -H 'Accept-Encoding: br' "$SITE$(grep -o '/css/site[^"]*\.css' "$OUT/page-large.html" | head -1)" | tr -d '\r')

# nginx: Debian's nginx-light, a private prefix and config, the pages' exact bytes.
mkdir -p "$OUT/nginx/www" "$OUT/nginx/tmp"
for size in $SIZES; do cp "$OUT/page-$size.html" "$OUT/nginx/www/$size.html"; done
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes $THREADS;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
$( ((EUID == 0)) && echo "user root;" )
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    client_body_temp_path $OUT/nginx/tmp; proxy_temp_path $OUT/nginx/tmp; fastcgi_temp_path $OUT/nginx/tmp;
    uwsgi_temp_path $OUT/nginx/tmp; scgi_temp_path $OUT/nginx/tmp;
    server { listen 127.0.0.1:$NGINX_PORT; root $OUT/nginx/www; }
}
EOF
/usr/sbin/nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -e "$OUT/nginx/error.log"
until curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/large.html"; do sleep 0.05; done
for size in $SIZES; do
    cmp -s "$OUT/page-$size.html" <(curl -sf "http://127.0.0.1:$NGINX_PORT/$size.html") || { log "nginx serves other bytes"; exit 1; }
done

# (b) at each size reads as learners[1] of that page's file, who has ticked items there; (c) ticks the large page
# with all the learners of its file.
log "preparing $LEARNERS learners"
for size in $SIZES; do
    $BENCH learners "$SITE" "/sizes/$size" "$([[ $size == large ]] && echo "$LEARNERS" || echo 5)" "$OUT/learners-$size.lua" >/dev/null
done
export LEARNERS_LUA=$OUT/learners-large.lua TOGGLE_THREADS=$THREADS
# learners[1] of each file ticked up to three items (the small page has two).
TICKS_BEFORE=$(( $($BENCH count-ticks "$OUT/progress.db") ))

log "measuring side by side: wrk -t$THREADS -c$CONNECTIONS, (d), (a) and (b) in turn at each size, $CYCLES cycles of ${SLICE} s"
: >"$OUT/results.txt"
: >"$OUT/slices.txt"
# nginx, the anonymous page, the learner's page, nginx again...: short slices in turn, so that whatever the shared
# machine's neighbours do in the meantime falls on all three alike. (Single 10 s runs in turn swung the site's own
# throughput between 37k and 53k req/s from one run to the next while nginx's stayed within 53-60k.) Each cycle goes
# through the three sizes in turn; the ratios are taken within a size.
# slice NAME CYCLE URL [wrk args]: appends "NAME CYCLE requests seconds p50 p99 errors" to slices.txt.
slice() {
    local name=$1 cycle=$2 url=$3 file="$OUT/wrk-$1-$2.txt"; shift 3
    wrk -t$THREADS -c$CONNECTIONS -d${SLICE}s --latency "$@" "$url" >"$file"
    echo "$name $cycle $(awk '/requests in/ { n = $1 } /^Requests\/sec/ { r = $2 } END { printf "%d %.3f", n, n / r }' "$file")" \
        "$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")") $(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")" \
        "$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$file")" >>"$OUT/slices.txt"
}
for size in $SIZES; do
    wrk -t$THREADS -c$CONNECTIONS -d$WARMUP "http://127.0.0.1:$NGINX_PORT/$size.html" >/dev/null
    wrk -t$THREADS -c$CONNECTIONS -d$WARMUP "$SITE/sizes/$size" >/dev/null
    LEARNERS_LUA=$OUT/learners-$size.lua wrk -t$THREADS -c$CONNECTIONS -d$WARMUP -s "$REPO/bench/learner.lua" "$SITE/sizes/$size" >/dev/null
done
for cycle in $(seq 1 $CYCLES); do
    for size in $SIZES; do
        slice "d-$size" "$cycle" "http://127.0.0.1:$NGINX_PORT/$size.html"
        slice "a-$size" "$cycle" "$SITE/sizes/$size"
        LEARNERS_LUA=$OUT/learners-$size.lua slice "b-$size" "$cycle" "$SITE/sizes/$size" -s "$REPO/bench/learner.lua"
    done
done
# Each one's whole: all its requests over all its time, the median slice's p50, the worst slice's p99, all errors.
for size in $SIZES; do
    for name in d-$size a-$size b-$size; do
        p50=$(awk -v n=$name '$1 == n { print $5 }' "$OUT/slices.txt" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
        awk -v n=$name -v p50="$p50" '$1 == n { req += $3; sec += $4; if ($6 > p99) p99 = $6; err += $7 }
            END { printf "%s %.0f %.2f %.2f %d\n", n, req / sec, p50, p99, err }' "$OUT/slices.txt" >>"$OUT/results.txt"
        log "$(tail -1 "$OUT/results.txt")"
    done
done
measure e "$SITE/_bench/page.html"
measure c "$SITE$PAGE" -s "$REPO/bench/toggle.lua"
kill "$(cat "$OUT/nginx/nginx.pid")"
rm -f "$OUT/nginx/nginx.pid"
stop_site
# The warm-up also ticks: the acknowledged ticks of both runs are what the database must hold.
TOGGLE_LINE=$(grep '^toggle:' "$OUT/wrk-c.txt")
ACKED=$(sed -E 's/.*acked=([0-9]+).*/\1/' <<<"$TOGGLE_LINE")
PAIRS=$(sed -E 's/.*pairs=([0-9]+).*/\1/' <<<"$TOGGLE_LINE")
STORED=$(( $($BENCH count-ticks "$OUT/progress.db") - TICKS_BEFORE ))
# Nothing lost: while the pairs last, every acknowledged tick is a distinct row (the warm-up stores more).
if ((ACKED <= PAIRS && STORED < ACKED)); then
    log "ticks lost: $ACKED acknowledged, $STORED stored"
    exit 1
fi

# --- scale ---------------------------------------------------------------------------------------------------
# measure_search SIZE QUERY: GET /search?q=QUERY on the scale site; appends "SIZE QUERY rps p50 p99 errors status"
# to search.txt (status: the page's line saying what it found).
measure_search() {
    local url="http://127.0.0.1:$SCALE_PORT/search?q=$2" file="$OUT/wrk-search-$1-$2.txt" status
    status=$(curl -sf "$url" | grep -o '<p class="search-status" role="status">[^<]*' | sed 's/.*>//' || true)
    wrk -t$THREADS -c$CONNECTIONS -d$SCALE_DURATION --latency "$url" >"$file"
    echo "$1 $2 $(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$file") $(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")" \
        "$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")") $(awk '/Non-2xx/ { n += $NF } END { print n + 0 }' "$file") $status" >>"$OUT/search.txt"
    log "search at $1, q=$2: $(tail -1 "$OUT/search.txt" | cut -d' ' -f3-)"
}
: >"$OUT/scale.txt"
: >"$OUT/search.txt"
for size in $SCALE_SIZES; do
    log "scale: $size tutorials"
    content="$OUT/scale-$size"
    $BENCH generate "$content" "$size"
    rm -f "$OUT"/scale.db* "$OUT/site/App_Data/content-cache.json"
    # A first start: nothing cached, every file parsed.
    site $SCALE_PORT "$content" "$OUT/scale.db" /course-001/topic-1
    ready=$READY_MS
    page=$(curl -sf "http://127.0.0.1:$SCALE_PORT/course-001/topic-1" | wc -c)
    wrk -t$THREADS -c$CONNECTIONS -d$SCALE_DURATION --latency "http://127.0.0.1:$SCALE_PORT/course-001/topic-1" >"$OUT/wrk-scale-$size.txt"
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$OUT/wrk-scale-$size.txt")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk-scale-$size.txt")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-scale-$size.txt")")
    rss=$(rss_mb)
    # A crawler visits every page once, as a browser asks (Brotli): each page is rendered and compressed on its first
    # visit and kept within the page cache's budget (Site__PageCacheMegabytes), so memory must not grow with the visits.
    find "$content" -name '[0-9]*.md' | sort \
        | sed -E "s#.*/([^/]+)/[0-9]+-([^/]+)\.md#url = \"http://127.0.0.1:$SCALE_PORT/\1/\2\"\noutput = /dev/null#" >"$OUT/crawl-$size.cfg"
    crawled=$(date +%s%N)
    curl -sf -H 'Accept-Encoding: br, gzip' -K "$OUT/crawl-$size.cfg" || { log "crawl: a page did not answer 200"; exit 1; }
    crawl_rate=$(( size * 1000000000 / ($(date +%s%N) - crawled) ))
    rss_crawl=$(rss_mb)
    # Once the crawl has stopped for 5 s, the page caches give back what the pages they dropped took (Content/MemoryReturn).
    sleep 7
    rss_settled=$(rss_mb)
    measure_search "$size" step        # in every tutorial: 50 results, ranked, with snippets
    measure_search "$size" outpt       # a typo ("output"): the vocabulary is scanned for near words
    # An editor saves a file: how long until the page shows it.
    marker="edited-$RANDOM$RANDOM"
    edited=$(date +%s%N)
    sed -i "s/^title: Topic 1 of course 1\$/title: Topic 1 $marker/" "$content/course-001/01-topic-1.md"
    until curl -sf "http://127.0.0.1:$SCALE_PORT/course-001/topic-1" | grep -q "$marker"; do sleep 0.01; done
    edit=$(( ($(date +%s%N) - edited) / 1000000 ))
    rss_after=$(rss_mb)
    stop_site
    # A restart (a redeploy, a crash): the content cache the last run left in the data folder is read instead.
    site $SCALE_PORT "$content" "$OUT/scale.db" /course-001/topic-1
    restart=$READY_MS
    stop_site
    echo "$size $ready $restart $rss $rss_crawl $rss_settled $rss_after $rps $p50 $p99 $crawl_rate $edit $page" >>"$OUT/scale.txt"
    log "scale $size: ready ${ready} ms (restart ${restart} ms), ${rss}/${rss_crawl}/${rss_settled}/${rss_after} MB, $rps req/s, p99 $p99 ms, crawl $crawl_rate pages/s, edit visible in ${edit} ms"
done

# --- micro-benchmarks ----------------------------------------------------------------------------------------
if ((SMOKE)); then
    log "micro-benchmarks: dry run"
    BENCH_SEARCH_TUTORIALS=100 $BENCH micro --filter '*' --job Dry --inProcess --artifacts "$OUT/bdn" >"$OUT/bdn.log" 2>&1 || { cat "$OUT/bdn.log"; exit 1; }
else
    log "micro-benchmarks (BenchmarkDotNet, short job)"
    $BENCH micro --filter '*' --job Short --artifacts "$OUT/bdn" >"$OUT/bdn.log" 2>&1 || { cat "$OUT/bdn.log"; exit 1; }
fi

# --- report --------------------------------------------------------------------------------------------------
row() { awk -v n="$1" '$1 == n' "$OUT/results.txt"; }
rps_of() { awk -v n="$1" '$1 == n { print $2 }' "$OUT/results.txt"; }
# ratio X SIZE: X's req/s over nginx's at that size.
ratio() { awk -v x="$1" -v d="$(rps_of "d-$2")" 'BEGIN { printf "%.2f", x / d }'; }
# The lowest and highest ratio of single cycles (that cycle's slice against the nginx slice of its size just before it).
cycle_ratios() {
    awk -v n="$1-$2" -v d="d-$2" '$1 == d { dd[$2] = $3 / $4 } $1 == n { x[$2] = $3 / $4 }
        END { for (c in x) { r = x[c] / dd[c]; if (min == "" || r < min) min = r; if (r > max) max = r } printf "%.2f–%.2f", min, max }' "$OUT/slices.txt"
}
size_of() { awk -v s="$1" -v f="$2" '$1 == s { print $f }' "$OUT/sizes.txt"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash bench/run.sh$( ((SMOKE)) && echo ' --smoke')\` on commit \`$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src wwwroot bench || echo '+changes')\`."
    echo
    echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory,"
    echo "Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(/usr/sbin/nginx -v 2>&1 | cut -d' ' -f3)."
    echo "Shared with other work: numbers move between runs; the ratios within one run are what counts."
    echo
    echo "### Side by side: wrk -t$THREADS -c$CONNECTIONS --latency, one run; at each page size (d) (a) (b) in turn, $CYCLES cycles of ${SLICE} s; (c) and (e) ${DURATION}"
    echo
    echo "Three tutorial pages of one generated course (\`TutorialSite.Bench sized\`; the smallest tutorial page today's"
    echo "layout makes is about 12 kB, so the small size is that, not 8 kB). wrk asks for no compression."
    echo
    echo "| page | HTML (Brotli, gzip) | (d) nginx req/s | (a) anonymous req/s | (a) ÷ nginx (single cycles) | (b) learner req/s | (b) ÷ nginx (single cycles) | p50 / p99 ms: (a), (b) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for size in $SIZES; do
        read -r _ drps _ _ derr <<<"$(row "d-$size")"
        read -r _ arps ap50 ap99 aerr <<<"$(row "a-$size")"
        read -r _ brps bp50 bp99 berr <<<"$(row "b-$size")"
        echo "| \`/sizes/$size\` | $(kb "$(size_of $size 2)") kB ($(kb "$(size_of $size 3)"), $(kb "$(size_of $size 4)")) | $drps | $arps | **$(ratio "$arps" $size) ×** ($(cycle_ratios a $size)) | $brps | **$(ratio "$brps" $size) ×** ($(cycle_ratios b $size)) | $ap50 / $ap99, $bp50 / $bp99 |"
        ERRORS=$(( ${ERRORS:-0} + derr + aerr + berr ))
    done
    echo
    echo "(a), (b) and (d): req/s over all their slices, p50 of the median slice, p99 of the worst; ÷ nginx is over all"
    echo "slices of that size; errors (non-2xx or socket) in all of them: ${ERRORS:-0}. Slices, req/s:"
    echo
    echo "| cycle | $(for c in $(seq 1 $CYCLES); do printf '%s | ' "$c"; done)"
    echo "|---|$(for c in $(seq 1 $CYCLES); do printf -- '---:|'; done)"
    for size in $SIZES; do
        for name in d a b; do
            echo "| ($name) $size | $(awk -v n="$name-$size" '$1 == n { printf "%.0f | ", $3 / $4 }' "$OUT/slices.txt")"
        done
    done
    echo
    echo "| | what | req/s | p50 ms | p99 ms | errors | ÷ nginx |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    for name in c e; do
        read -r _ rps p50 p99 errors <<<"$(row $name)"
        case $name in
            c) what="tick POSTs with a valid token on \`$PAGE\`, $((LEARNERS - 1)) learners"; r="-" ;;
            e) what="the bytes of (a) at \`$PAGE\` through the site's static assets (MapStaticAssets)"; r=$(ratio "$rps" large) ;;
        esac
        echo "| $name | $what | $rps | $p50 | $p99 | $errors | $r |"
    done
    echo
    echo "(c): $ACKED ticks acknowledged (200) in the measured run, $STORED new ticks in the database afterwards (the warm-up's too)$( ((ACKED > PAIRS)) && echo "; more requests than distinct learner×item pairs ($PAIRS), so repeats were idempotent and loss could not be checked" || echo "; checked: none lost"); per-client rate limit off (\`RateLimits__PerClientPerMinute=0\`: every simulated learner comes from 127.0.0.1), per-learner limit on."
    echo
    echo "Static asset headers (\`site.css\`, Accept-Encoding: br):"
    echo
    echo '```text'
    grep -iE '^(content-encoding|cache-control|etag|content-length):' <<<"$CSS_HEADERS" || true
    echo '```'
    echo
    echo "### Scale: synthetic content (\`TutorialSite.Bench generate\`), 20 tutorials a course"
    echo
    echo "| tutorials | ready after start (ms): first / restart | RSS MB: after load / every page visited / 7 s later / after edit | page req/s | p50 ms | p99 ms | first visits (pages/s) | edit visible after (ms) | page bytes |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    while read -r size ready restart rss rss_crawl rss_settled rss2 rps p50 p99 crawl edit bytes; do
        echo "| $size | $ready / $restart | $rss / $rss_crawl / $rss_settled / $rss2 | $rps | $p50 | $p99 | $crawl | $edit | $bytes |"
    done <"$OUT/scale.txt"
    echo
    echo "### Search at scale: \`GET /search?q=…\` on the same sites, wrk -t$THREADS -c$CONNECTIONS -d$SCALE_DURATION"
    echo
    echo "| tutorials | query | req/s | p50 ms | p99 ms | non-2xx | what the page said |"
    echo "|---:|---|---:|---:|---:|---:|---|"
    while read -r size query rps p50 p99 errors status; do
        echo "| $size | \`$query\` | $rps | $p50 | $p99 | $errors | $status |"
    done <"$OUT/search.txt"
    echo
    echo "### Micro-benchmarks (BenchmarkDotNet$( ((SMOKE)) && echo ', dry job: not a measurement'))"
    echo
    for report in "$OUT"/bdn/results/*-report-github.md; do
        sed -n '/^|/p' "$report"
        echo
    done
} >"$OUT/benchmarks.md"

if ((SMOKE)); then
    # The smoke run asserts that the harness produced numbers, not how fast they are.
    for name in c e $(for size in $SIZES; do echo "a-$size b-$size d-$size"; done); do
        read -r _ rps _ _ _ <<<"$(row $name)"
        [[ "$rps" =~ ^[0-9]+$ && "$rps" -gt 0 ]] || { log "no numbers for ($name)"; exit 1; }
    done
    [[ $(wc -l <"$OUT/scale.txt") -ge 1 ]] || { log "no scale numbers"; exit 1; }
    while read -r _ query rps _ _ errors _; do
        [[ "$rps" =~ ^[0-9]+$ && "$rps" -gt 0 && "$errors" == 0 ]] || { log "no search numbers for q=$query (or errors)"; exit 1; }
    done <"$OUT/search.txt"
    [[ $(wc -l <"$OUT/search.txt") -ge 2 ]] || { log "no search numbers"; exit 1; }
    log "smoke run OK: $OUT/benchmarks.md"
else
    # The long reliability soak (docs/reliability.md): minutes of mixed reads and ticks, only expected
    # statuses, memory flat. SOAK_SECONDS=0 leaves it out.
    if (( ${SOAK_SECONDS:-300} > 0 )); then
        log "soak: ${SOAK_SECONDS:-300} s of mixed reads and ticks"
        RELIABILITY_SOAK_SECONDS="${SOAK_SECONDS:-300}" dotnet test "$REPO/tests/TutorialSite.Tests" -c Release \
            --filter "FullyQualifiedName~Soak" --logger "console;verbosity=detailed"
    fi
    # Only the generated part of docs/benchmarks.md is replaced; the notes and history around it stay.
    python3 - "$REPO/docs/benchmarks.md" "$OUT/benchmarks.md" <<'EOF'
import sys
doc, new = sys.argv[1], open(sys.argv[2]).read()
start, end = "<!-- results:start -->", "<!-- results:end -->"
text = open(doc).read()
head, rest = text.split(start, 1)
open(doc, "w").write(head + start + "\n" + new + rest[rest.index(end):])
EOF
    log "wrote docs/benchmarks.md"
fi
cat "$OUT/benchmarks.md"
