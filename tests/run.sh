#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it: `bash tests/run.sh`.
# Builds the solution (which restores Bootstrap through LibMan, filling its cache from npm when no CDN
# answers), runs every test project on SQLite (the browser tests included: their tools are installed below), starts a private PostgreSQL cluster on loopback and runs the
# integration suites again on it, with the replica tests (two site processes behind nginx), then builds the
# container image and tests it in a real Docker engine (tests/docker/run.sh: needs root; installs and starts
# what it needs). PostgreSQL and nginx come from Debian's packages, installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- Browser tests (tests/TutorialSite.BrowserTests) ------------------------------------------------------
# They need Debian's Chromium, Java (for the W3C Nu validator) and the npm tools pinned in
# tests/TutorialSite.BrowserTests/tools/package-lock.json (Lighthouse, vnu-jar). Whatever is missing is
# installed here; what cannot be installed stops the run with a message. The tests never skip themselves.
browser_tools=tests/TutorialSite.BrowserTests/tools
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "tests/run.sh: the browser tests need: $*. Install them (apt-get install $*) or run as root." >&2
    exit 1
  fi
  apt-get -o DPkg::Lock::Timeout=600 install -y "$@" \
    || { apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 install -y "$@"; }
}
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "tests/run.sh: installing Chromium for the browser tests"
  apt_install chromium
fi
if ! command -v java >/dev/null; then
  echo "tests/run.sh: installing Java for the Nu HTML validator"
  apt_install default-jre-headless
fi
if ! command -v npm >/dev/null; then
  echo "tests/run.sh: the browser tests need Node.js 20 and npm (for Lighthouse and vnu-jar); install them first." >&2
  exit 1
fi
# npm ci only when the lock file changed since the last install. No install scripts are needed.
if ! cmp -s "$browser_tools/package-lock.json" "$browser_tools/node_modules/.installed-package-lock.json"; then
  (cd "$browser_tools" && npm ci --ignore-scripts --no-audit --no-fund)
  cp "$browser_tools/package-lock.json" "$browser_tools/node_modules/.installed-package-lock.json"
fi
# -----------------------------------------------------------------------------------------------------------

# --- PostgreSQL, nginx and Prometheus (the PostgreSQL pass, the replica tests, the metrics tests) ----------
missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
# Prometheus scrapes the site in tests/TutorialSite.Tests/Operations/MetricsTests.cs; promtool checks docker/prometheus/.
[[ -x /usr/bin/prometheus && -x /usr/bin/promtool ]] || missing+=(prometheus)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing ${missing[*]} from Debian (the PostgreSQL pass, the replica and the metrics tests need them)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" || {
    apt-get -o DPkg::Lock::Timeout=600 update
    apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
  }
fi

dotnet build TutorialSite.sln -c Release

# Editors' gate: the content must load without errors and keep every published checklist key.
# An absolute path: `dotnet run` starts a web project in its own directory, not in the repository root.
dotnet run --project src/TutorialSite.Web -c Release --no-build --no-launch-profile -- check --content "$PWD/content"

# SQLite, the default: everything but the tests that need PostgreSQL.
dotnet test TutorialSite.sln -c Release --no-build --filter "Database!=Postgres"

# PostgreSQL: the integration suites marked Database=Both again, each app on a fresh database, and the
# replica tests. A cluster that does not start fails the run here: never a silent skip.
postgres_dir=$(mktemp -d /var/tmp/tutorialsite-pg.XXXXXX)
trap 'bash tests/postgres/cluster.sh stop "$postgres_dir"' EXIT
TEST_POSTGRES=$(bash tests/postgres/cluster.sh start "$postgres_dir")
export TEST_POSTGRES
dotnet test TutorialSite.sln -c Release --no-build --filter "Database=Both|Database=Postgres"
unset TEST_POSTGRES

if [[ "${SKIP_DOCKER_TESTS:-}" == 1 ]]; then
  echo "SKIPPED: the container tests (tests/docker/run.sh), because SKIP_DOCKER_TESTS=1. CI always runs them." >&2
else
  # The image is also run on PostgreSQL: replicas on the host's network reach the cluster on loopback.
  TUTORIALSITE_PG_PORT=$(cat "$postgres_dir/port") bash tests/docker/run.sh
fi
bash tests/postgres/cluster.sh stop "$postgres_dir"
trap - EXIT

# Benchmark harness smoke run (bench/README.md): a few seconds per measurement, so the harness cannot rot. It
# asserts that every measurement produced numbers, not how fast they are.
bash bench/run.sh --smoke
# The same for the cost of metrics (bench/metrics.sh: the site with Metrics__Port and without, side by side): a
# second each, and it checks that /metrics answers on the metrics port only.
bash bench/metrics.sh --smoke
# The relevance benchmark's smoke (bench/relevance/README.md): the sample set through every engine and latency at
# 100 tutorials, asserting the harness produced numbers, not how good they are (the corpora are not in CI).
bash bench/relevance.sh --smoke
