#!/usr/bin/env bash
# Anonymous pages from our page cache (Serving/AnonymousPageCache.cs) against ASP.NET Core's output caching with the
# same policy (Serving__AnonymousPages=OutputCache; docs/benchmarks.md, "Output caching against our page cache"):
# (a) and (b) at the three page sizes, interleaved, req/s and CPU per request (bench/ab.sh).
#
#   flock /work/locks/bench.lock bash bench/outputcache-ab.sh      6 cycles of 3 s each (~4 min + the publish)
#   bash bench/outputcache-ab.sh --smoke                            one short cycle: checks that it measures
AB_NAME=outputcache
AB_VARIANTS=(ours framework)
declare -A AB_ENV=([ours]="" [framework]="Serving__AnonymousPages=OutputCache")
AB_PATCH=bench/variants/outputcache.patch
. "$(dirname "$0")/ab.sh"
