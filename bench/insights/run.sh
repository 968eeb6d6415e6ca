#!/usr/bin/env bash
# The insights verb at scale, on SQLite and on PostgreSQL: bash bench/insights/run.sh [LEARNERS] [TUTORIALS]
# (default 100000 2000). Generates content and progress (bench/insights/generate.py, seeded), loads the same rows into
# a SQLite file and into a private PostgreSQL cluster (tests/postgres/cluster.sh), then runs `insights` on each in
# turn, three rounds interleaved, and prints the wall time of each run, the time of each grouped query and its plan
# (`insights --explain`). Everything lives in a temporary folder under /var/tmp, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
learners=${1:-100000}
tutorials=${2:-2000}
rounds=${ROUNDS:-3}
out=$(mktemp -d /var/tmp/tutorialsite-insights.XXXXXX)
chmod 755 "$out" # the cluster runs as the postgres user
cleanup() { bash tests/postgres/cluster.sh stop "$out/pg" >/dev/null 2>&1 || true; rm -rf "$out"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=Production
export Content__Path="$out/content" Data__Path="$out/data" Logging__LogLevel__Default=Warning

dotnet build src/TutorialSite.Web -c Release -v q -nologo >/dev/null
app=src/TutorialSite.Web/bin/Release/net10.0/TutorialSite.Web.dll
echo "== $(date -u +%FT%TZ), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/insights/generate.py "$learners" "$tutorials" "$out"

sqlite="Data Source=$out/progress.db"
ConnectionStrings__Progress="$sqlite" dotnet "$app" migrate >/dev/null
python3 - "$out" <<'PY'
import csv, sqlite3, sys
out = sys.argv[1]
db = sqlite3.connect(f"{out}/progress.db")
for table, columns in (("Learners", 2), ("Ticks", 5), ("Reviews", 9)):
    with open(f"{out}/{table.lower()}.csv") as f:
        db.executemany(f'INSERT INTO "{table}" VALUES ({",".join("?" * columns)})', csv.reader(f))
db.commit()
db.execute("ANALYZE")
db.close()
PY

bash tests/postgres/cluster.sh start "$out/pg" >/dev/null
port=$(cat "$out/pg/port")
psql="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U postgres"
$psql -d postgres -c "CREATE DATABASE insights"
postgres="Host=127.0.0.1;Port=$port;Username=postgres;Database=insights"
Database__Provider=Postgres ConnectionStrings__Progress="$postgres" dotnet "$app" migrate >/dev/null
$psql -d insights -c "\\copy \"Learners\" FROM '$out/learners.csv' CSV" \
  -c "\\copy \"Ticks\" FROM '$out/ticks.csv' CSV" -c "\\copy \"Reviews\" FROM '$out/reviews.csv' CSV" -c "ANALYZE"

run() { # provider connection-string label
  local start end
  start=$(date +%s.%N)
  Database__Provider=$1 ConnectionStrings__Progress="$2" dotnet "$app" insights --format csv >"$out/$1.csv"
  end=$(date +%s.%N)
  printf '%s round %s: insights (whole report, csv, content load included) %.2f s\n' "$1" "$3" "$(echo "$end - $start" | bc)"
}
for round in $(seq "$rounds"); do
  run Sqlite "$sqlite" "$round"
  run Postgres "$postgres" "$round"
done
cmp -s "$out/Sqlite.csv" "$out/Postgres.csv" && echo "Both providers wrote the same report ($(wc -l <"$out/Sqlite.csv") lines)." \
  || { echo "The two providers' reports differ" >&2; diff "$out/Sqlite.csv" "$out/Postgres.csv" | head >&2; exit 1; }
for provider in Sqlite Postgres; do
  echo "== $provider: each grouped query's time and plan (insights --explain)"
  connection=$([[ $provider == Sqlite ]] && echo "$sqlite" || echo "$postgres")
  Database__Provider=$provider ConnectionStrings__Progress="$connection" dotnet "$app" insights --explain 2>&1 >/dev/null
done
echo "== done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
