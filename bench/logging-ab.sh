#!/usr/bin/env bash
# The request log: ours (Operations/RequestLogging.cs) against ASP.NET Core's HTTP logging with the same fields in one
# line (Operations__RequestLog=HttpLogging; docs/benchmarks.md, "Request logs: ours against HttpLogging"), both on and
# written as JSON to the console (redirected to a file), as the container image does; and a third site with request
# logs off, for what logging costs at all. (a) and (b) at the three page sizes, interleaved, req/s and CPU per
# request (bench/ab.sh).
#
#   flock /work/locks/bench.lock bash bench/logging-ab.sh      4 cycles of 3 s each (~5 min + the publish)
#   bash bench/logging-ab.sh --smoke                            one short cycle: checks that it measures
AB_NAME=logging
AB_CYCLES=4
AB_VARIANTS=(ours framework off)
AB_COMMON_ENV="Logging__Console__FormatterName=json"
declare -A AB_ENV=(
    [ours]="Logging__LogLevel__TutorialSite.Web.Operations.RequestLogging=Information"
    [framework]="Operations__RequestLog=HttpLogging Logging__LogLevel__Microsoft.AspNetCore.HttpLogging=Information"
    [off]=""
)
AB_PATCH=bench/variants/logging.patch
. "$(dirname "$0")/ab.sh"
