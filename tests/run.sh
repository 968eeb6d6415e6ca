#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it: `bash tests/run.sh`.
# Builds the solution (which restores Bootstrap through LibMan, filling its cache from npm when no CDN
# answers), runs every test project (the browser tests included: their tools are installed below), then
# builds the container image and tests it in a real Docker engine (tests/docker/run.sh: needs root; installs
# and starts what it needs).
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

dotnet build TutorialSite.sln -c Release

# Editors' gate: the content must load without errors and keep every published checklist key.
# An absolute path: `dotnet run` starts a web project in its own directory, not in the repository root.
dotnet run --project src/TutorialSite.Web -c Release --no-build --no-launch-profile -- check --content "$PWD/content"
dotnet test TutorialSite.sln -c Release --no-build

if [[ "${SKIP_DOCKER_TESTS:-}" == 1 ]]; then
  echo "SKIPPED: the container tests (tests/docker/run.sh), because SKIP_DOCKER_TESTS=1. CI always runs them." >&2
else
  bash tests/docker/run.sh
fi
