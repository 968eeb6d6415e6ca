#!/usr/bin/env bash
# The relevance benchmark (bench/relevance/README.md): MRR@10, hit@1 and hit@3 of our search, SQLite FTS5 and
# Lucene.NET on every judged query set, side by side, then latency at 2,000 synthetic tutorials.
#   bash bench/relevance.sh                 # CORPORA=/work/corpora by default
#   bash bench/relevance.sh misses odin     # each engine's misses on one set
#   bash bench/relevance.sh fit odin        # fit SearchWeights on one set (then check on the others)
#   bash bench/relevance.sh fit-peers odin  # fit FTS5's and Lucene's field weights on the same set
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${CORPORA:-/work/corpora}"
for name in odin jsinfo; do
  if [[ ! -f "$corpora/$name/_index.md" && -z "$(ls -d "$corpora/$name"/*/ 2>/dev/null)" ]]; then
    echo "No converted corpus at $corpora/$name: build it with bench/corpora/convert.py (bench/README.md), or set CORPORA." >&2
    exit 2
  fi
done
dotnet build bench/TutorialSite.Bench -c Release -v quiet -nologo >/dev/null
bench=(dotnet bench/TutorialSite.Bench/bin/Release/net10.0/TutorialSite.Bench.dll)
content() { [[ "$1" == sample ]] && echo content || echo "$corpora/$1"; }
case "${1:-}" in
  misses) "${bench[@]}" relevance-misses "bench/relevance/$2.txt" "$(content "$2")" ;;
  fit) "${bench[@]}" relevance-fit "bench/relevance/$2.txt" "$(content "$2")" ;;
  fit-peers) "${bench[@]}" relevance-fit-peers "bench/relevance/$2.txt" "$(content "$2")" ;;
  *) "${bench[@]}" relevance "${LATENCY_TUTORIALS:-2000}" \
       bench/relevance/odin.txt "$corpora/odin" \
       bench/relevance/jsinfo.txt "$corpora/jsinfo" \
       bench/relevance/sample.txt content ;;
esac
