#!/usr/bin/env bash
# The relevance benchmark (bench/relevance/README.md): MRR@10, hit@1 and hit@3 of our search, SQLite FTS5 and
# Lucene.NET on every judged query set, side by side, then latency at 2,000 synthetic tutorials.
#   bash bench/relevance.sh                 # CORPORA=/work/corpora by default
#   bash bench/relevance.sh misses odin     # each engine's misses on one set (misses odin TutorialSite: ours only)
#   bash bench/relevance.sh ours            # our index alone on every set, a line each (quick while trying a change)
#   bash bench/relevance.sh fit odin        # fit SearchWeights on one set (then check on the others)
#   bash bench/relevance.sh fit-peers odin  # fit FTS5's and Lucene's field weights on the same set
#   bash bench/relevance.sh --smoke         # tests/run.sh: the sample set and latency at 100 tutorials, asserting
#                                           # that every engine produced numbers (not how good they are)
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${CORPORA:-/work/corpora}"
bench=(dotnet bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll)
if [[ "${1:-}" == --smoke ]]; then
  # Needs no corpus: the repository's content/ and its judged set, so CI's fresh clone can run it.
  dotnet build bench/TutorialSite.Bench -c Release -v quiet -nologo >/dev/null
  out=$("${bench[@]}" relevance 100 bench/relevance/sample.txt content)
  echo "$out"
  number='[0-9]+\.[0-9]+'
  for engine in 'TutorialSite' 'TutorialSite before (main 3f8c92e)' 'SQLite FTS5' 'Lucene.NET'; do
    engine=$(sed 's/[().]/\\&/g' <<<"$engine")
    grep -qE "^\| sample \([0-9]+ tutorials\) \| [0-9]+ \| $engine \| $number \| $number \| $number \| [0-9]+ \| $number \| $number \| $number \|$" <<<"$out" \
      || { echo "relevance smoke: no scores for $engine" >&2; exit 1; }
    grep -qE "^\| $engine \|( $number ms \|){6}$" <<<"$out" \
      || { echo "relevance smoke: no latency for $engine" >&2; exit 1; }
  done
  echo "relevance smoke: every engine scored the sample set and was timed at 100 tutorials"
  exit 0
fi
for name in odin jsinfo react; do
  if [[ ! -f "$corpora/$name/_index.md" && -z "$(ls -d "$corpora/$name"/*/ 2>/dev/null)" ]]; then
    echo "No converted corpus at $corpora/$name: build it with bench/corpora/convert.py (bench/README.md), or set CORPORA." >&2
    exit 2
  fi
done
dotnet build bench/TutorialSite.Bench -c Release -v quiet -nologo >/dev/null
content() { [[ "$1" == sample ]] && echo content || echo "$corpora/$1"; }
case "${1:-}" in
  misses) "${bench[@]}" relevance-misses "bench/relevance/$2.txt" "$(content "$2")" ${3:+"$3"} ;;
  ours) "${bench[@]}" relevance-ours bench/relevance/odin.txt "$corpora/odin" bench/relevance/jsinfo.txt "$corpora/jsinfo" \
         bench/relevance/react.txt "$corpora/react" bench/relevance/sample.txt content ;;
  fit) "${bench[@]}" relevance-fit "bench/relevance/$2.txt" "$(content "$2")" ;;
  fit-peers) "${bench[@]}" relevance-fit-peers "bench/relevance/$2.txt" "$(content "$2")" ;;
  *) "${bench[@]}" relevance "${LATENCY_TUTORIALS:-2000}" \
       bench/relevance/odin.txt "$corpora/odin" \
       bench/relevance/jsinfo.txt "$corpora/jsinfo" \
       bench/relevance/react.txt "$corpora/react" \
       bench/relevance/sample.txt content ;;
esac
