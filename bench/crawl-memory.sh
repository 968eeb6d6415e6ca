#!/bin/bash
# Resident memory and GC heap after load / right after a crawl of every page and 7 s later / after an edit, at N generated tutorials
# (docs/benchmarks.md, "What a crawl left in the page cache"). Memory, not time: fine on a loaded machine.
# usage: bench/crawl-memory.sh PUBLISHED_SITE_DIR [N=2000] [VAR=VAL...]   e.g. GCDUMP=/tmp/x.gcdump to dump after the crawl
set -euo pipefail
site=$(realpath "$1"); n=${2:-2000}; shift $(( $# > 1 ? 2 : 1 ))
bench=$(dirname "$(realpath "$0")")/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll
O=${OUT:-/tmp/crawl-memory}; mkdir -p $O; cd $O
[ -d pristine-$n ] || dotnet "$bench" generate pristine-$n $n >/dev/null
rm -rf content data && cp -a pristine-$n content && mkdir data
find content -path '*/course-*' -name '[0-9]*.md' | sort | sed -E 's#content/(course-[0-9]+)/[0-9]+-(.*)\.md#url = "http://127.0.0.1:5497/\1/\2"\noutput = /dev/null#' > crawl.cfg
env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:5497 Metrics__Port=5498 RateLimits__PerClientPerMinute=0 \
  Logging__LogLevel__Default=Warning Content__Path=$O/content ConnectionStrings__Progress="Data Source=$O/data/progress.db" \
  Data__Path=$O/data "$@" dotnet $site/TutorialSite.Web.dll >$O/site.log 2>&1 &
PID=$!; trap 'kill $PID 2>/dev/null' EXIT
snap() { local m; m=$(curl -s http://127.0.0.1:5498/metrics); echo "$1: rss $(awk '/VmRSS/{printf "%d", $2/1024}' /proc/$PID/status) MB | heap $(echo "$m" | awk '/^dotnet_gc_last_collection_heap_size_bytes/{s+=$2} END{printf "%d", s/1048576}') MB | committed $(echo "$m" | awk '/^dotnet_gc_last_collection_memory_committed_size_bytes/{printf "%d", $2/1048576}') MB | gen2 $(echo "$m" | awk '/^dotnet_gc_collections_total.*gen2/{print $2}')"; }
last=$(tail -2 crawl.cfg | head -1 | sed -E 's/url = "(.*)"/\1/'); first=$(head -1 crawl.cfg | sed -E 's/url = "(.*)"/\1/')
until curl -sf -o /dev/null "$first"; do sleep 0.05; done; snap ready
until curl -sf "$last" | grep -q 'class="tok-'; do sleep 0.1; done; sleep 5; snap load
curl -sf -H 'Accept-Encoding: br, gzip' -K crawl.cfg || echo crawl failed
snap crawl
# The page caches ask for the memory back once the crawl has stopped for 5 s (Content/MemoryReturn.cs).
sleep 7; snap crawl+7s
if [ -n "${GCDUMP:-}" ]; then ~/.dotnet/tools/dotnet-gcdump collect -p $PID -o "$GCDUMP" >/dev/null; snap "after the dump's full compacting GC"; fi
f=$(find content/course-001 -name '01-*.md'); marker="edited-$RANDOM"; sed -i "0,/^title: .*/s//title: Edited $marker/" $f
until curl -sf "$first" | grep -q "$marker"; do sleep 0.01; done; snap edit
sleep 7; snap edit+7s
