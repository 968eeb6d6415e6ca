# Sourced by the A/B scripts (bench/outputcache-ab.sh, bench/logging-ab.sh), after they set:
#   AB_NAME        the folder under bench/.out/ and the log prefix
#   AB_VARIANTS    the variants' names, the first the baseline: AB_VARIANTS=(ours framework)
#   AB_ENV         an associative array: each variant's settings, "VAR=VALUE ..." (empty for the defaults)
#   AB_COMMON_ENV  settings for every variant (optional)
#   AB_PATCH       a patch that adds the variant to the code (optional): when the file exists, HEAD is exported to
#                  bench/.out/AB_NAME/src, the patch applied there and that tree published; otherwise the working
#                  tree is published as it is
# One published site per variant, all on the three page sizes of bench/run.sh (`TutorialSite.Bench sized`), (a) the
# anonymous page and (b) a learner's at each size measured with wrk in 3 s slices, every variant in turn, the order
# rotating from cycle to cycle, so whatever the shared machine's neighbours do falls on all alike. Besides req/s it
# reports each site's CPU time per request (from /proc), the steadier figure on a busy machine.
#
#   --smoke    one 1 s cycle: checks that it measures (and, for the variants, that they answer)
#   REUSE=1    measures the site the last run published, without building it again
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
. bench/lib.sh

CYCLES=${AB_CYCLES:-6}; SLICE=3; WARMUP=3; LEARNERS=5
case "${1:-}" in
    --smoke) CYCLES=1; SLICE=1; WARMUP=1; LEARNERS=3 ;;
    "") ;;
    *) echo "usage: bash bench/$AB_NAME-ab.sh [--smoke]" >&2; exit 2 ;;
esac
THREADS=2
CONNECTIONS=32
SIZES="small medium large"
OUT=$REPO/bench/.out/$AB_NAME
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y wrk >/dev/null
REUSE=${REUSE:-0}
[[ $REUSE == 1 && -f "$OUT/site/TutorialSite.Web.dll" ]] || REUSE=0
if [[ $REUSE == 1 ]]; then
    find "$OUT" -mindepth 1 -maxdepth 1 ! -name site ! -name src -exec rm -rf {} +
else
    rm -rf "$OUT"
fi
mkdir -p "$OUT"
trap stop_all_sites EXIT
log() { echo "bench/$AB_NAME: $*" >&2; }
log "load at start: $(uptime | sed 's/.*load average: //')"

SOURCE=$REPO
if [[ $REUSE == 1 ]]; then
    log "measuring the site published before (REUSE=1)"
elif [[ -n "${AB_PATCH:-}" && -f "$REPO/$AB_PATCH" ]]; then
    SOURCE=$OUT/src
    mkdir -p "$SOURCE"
    git archive HEAD | tar -x -C "$SOURCE"
    (cd "$SOURCE" && git apply "$REPO/$AB_PATCH") || { log "$AB_PATCH does not apply to HEAD any more"; exit 1; }
    log "published from HEAD with $AB_PATCH applied"
fi
log "building and publishing Release"
dotnet build bench/TutorialSite.Bench -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
if [[ $REUSE == 0 ]]; then
    (cd "$SOURCE" && dotnet publish src/TutorialSite.Web -c Release -o "$OUT/site" -v q -nologo) >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
fi
BENCH="dotnet $REPO/bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll"
$BENCH sized "$OUT/sizes" >/dev/null

declare -A PORT PID
port=5420
for variant in "${AB_VARIANTS[@]}"; do
    port=$((port + 1))
    PORT[$variant]=$port
    mkdir -p "$OUT/$variant"
    # shellcheck disable=SC2086 # the settings are words
    # Every block highlighted before the site answers (as bench/run.sh does): the same bytes from the first request on.
    start_site "$OUT/site" "$port" /sizes/small "$OUT/$variant/site.log" Content__Path="$OUT/sizes" Data__Path="$OUT/$variant" \
        Content__HighlightBeforeServing=00:05:00 ${AB_COMMON_ENV:-} ${AB_ENV[$variant]}
    PID[$variant]=$SITE_PID
    for size in $SIZES; do
        curl -sf "http://127.0.0.1:$port/sizes/$size" -o "$OUT/$variant/$size.html" || { log "$variant: /sizes/$size does not answer"; exit 1; }
        # Each site has its own keys: its own learners.
        $BENCH learners "http://127.0.0.1:$port" "/sizes/$size" "$LEARNERS" "$OUT/$variant/learners-$size.lua" >/dev/null
    done
done
# The same bytes from every variant, or the comparison is of something else.
for variant in "${AB_VARIANTS[@]:1}"; do
    for size in $SIZES; do
        cmp -s <(sed "s/:${PORT[$variant]}\\//:PORT\\//g" "$OUT/$variant/$size.html") \
            <(sed "s/:${PORT[${AB_VARIANTS[0]}]}\\//:PORT\\//g" "$OUT/${AB_VARIANTS[0]}/$size.html") \
            || { log "$variant serves other bytes than ${AB_VARIANTS[0]} at /sizes/$size"; exit 1; }
    done
done
TICKS_PER_SECOND=$(getconf CLK_TCK)

# slice NAME CYCLE VARIANT URL [wrk args]: appends "NAME VARIANT CYCLE requests seconds errors cpu-ticks" to slices.txt.
slice() {
    local name=$1 cycle=$2 variant=$3 url=$4; shift 4
    echo "$name $variant $cycle $(wrk_cpu "$OUT/wrk-$name-$variant-$cycle.txt" "${PID[$variant]}" -t$THREADS -c$CONNECTIONS -d${SLICE}s "$@" "$url")" >>"$OUT/slices.txt"
}
measure() { # measure PAGE SIZE VARIANT CYCLE
    local url="http://127.0.0.1:${PORT[$3]}/sizes/$2"
    if [[ $1 == b ]]; then
        LEARNERS_LUA=$OUT/$3/learners-$2.lua slice "b-$2" "$4" "$3" "$url" -s "$REPO/bench/learner.lua"
    else
        slice "a-$2" "$4" "$3" "$url"
    fi
}
: >"$OUT/slices.txt"
SLICE_SAVED=$SLICE; SLICE=$WARMUP
for variant in "${AB_VARIANTS[@]}"; do for size in $SIZES; do for page in a b; do measure $page $size "$variant" 0; done; done; done
SLICE=$SLICE_SAVED; : >"$OUT/slices.txt"
log "measuring: wrk -t$THREADS -c$CONNECTIONS, $CYCLES cycles of ${SLICE} s, ${AB_VARIANTS[*]} in turn (order rotating)"
n=${#AB_VARIANTS[@]}
for cycle in $(seq 1 $CYCLES); do
    order=()
    for i in $(seq 0 $((n - 1))); do order+=("${AB_VARIANTS[$(( (i + cycle - 1) % n ))]}"); done
    for size in $SIZES; do
        for page in a b; do
            for variant in "${order[@]}"; do measure $page $size "$variant" "$cycle"; done
        done
    done
done
LOAD=$(uptime | sed 's/.*load average: //')
log "load at end: $LOAD"

# For each page and size: req/s of each variant over all its slices, each variant's ratio to the baseline (over all
# slices; the median, lowest and highest single cycle's), the CPU time per request of each and baseline ÷ variant
# (above 1: the variant costs less CPU a request).
{
    echo "Load average at the end: $LOAD. $CYCLES cycles of ${SLICE} s; page sizes (bytes): $(for size in $SIZES; do printf '%s %s; ' "$size" "$(stat -c %s "$OUT/${AB_VARIANTS[0]}/$size.html")"; done)"
    echo
    awk -v hz="$TICKS_PER_SECOND" -v base="${AB_VARIANTS[0]}" -v variants="${AB_VARIANTS[*]}" '
        # NAME VARIANT CYCLE requests seconds errors cpu-ticks
        { k = $1 SUBSEP $2; req[k] += $4; sec[k] += $5; err += $6; cpu[k] += $7; c[$1, $2, $3] = $5 > 0 ? $4 / $5 : 0; u[$1, $2, $3] = $4 > 0 ? $7 / $4 : 0; cycles[$3] = 1 }
        function median(a, n,   x, y, t) {
            for (x = 1; x <= n; x++) for (y = x + 1; y <= n; y++) if (a[y] < a[x]) { t = a[x]; a[x] = a[y]; a[y] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END {
            if (err > 0) { print "errors: " err > "/dev/stderr"; exit 1 }
            nv = split(variants, v, " ")
            printf "| page | size |"
            for (i = 1; i <= nv; i++) printf " %s req/s |", v[i]
            for (i = 2; i <= nv; i++) printf " %s ÷ %s (median, lowest, highest cycle) |", v[i], base
            for (i = 1; i <= nv; i++) printf " CPU µs/request %s |", v[i]
            for (i = 2; i <= nv; i++) printf " CPU %s ÷ %s (median cycle) |", base, v[i]
            printf "\n|---|---|"
            for (i = 1; i <= 2 * nv + 2 * (nv - 1); i++) printf "---:|"
            printf "\n"
            split("a b", pages, " "); split("small medium large", sizes, " ")
            for (p = 1; p <= 2; p++) for (s = 1; s <= 3; s++) {
                name = pages[p] "-" sizes[s]
                printf "| (%s) %s | %s |", pages[p], pages[p] == "a" ? "anonymous" : "learner", sizes[s]
                for (i = 1; i <= nv; i++) { k = name SUBSEP v[i]; rate[i] = req[k] / sec[k]; printf " %.0f |", rate[i] }
                for (i = 2; i <= nv; i++) {
                    m = 0; delete r
                    for (cy in cycles) if (c[name, base, cy] > 0) r[++m] = c[name, v[i], cy] / c[name, base, cy]
                    med = median(r, m)
                    printf " **%.3f** (%.2f, %.2f, %.2f) |", rate[i] / rate[1], med, r[1], r[m]
                }
                for (i = 1; i <= nv; i++) { k = name SUBSEP v[i]; us[i] = cpu[k] / hz / req[k] * 1e6; printf " %.1f |", us[i] }
                for (i = 2; i <= nv; i++) {
                    m = 0; delete q
                    for (cy in cycles) if (u[name, v[i], cy] > 0) q[++m] = u[name, base, cy] / u[name, v[i], cy]
                    printf " **%.3f** (%.3f) |", us[1] / us[i], median(q, m)
                }
                printf "\n"
            }
        }' "$OUT/slices.txt"
} | tee "$OUT/results.md"
