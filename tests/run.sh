#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it: `bash tests/run.sh`.
# Builds the solution (which restores Bootstrap through LibMan, filling its cache from npm when no CDN
# answers) and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build TutorialSite.sln -c Release

# Editors' gate: the content must load without errors and keep every published checklist key.
dotnet run --project src/TutorialSite.Web -c Release --no-build --no-launch-profile -- check --content content
dotnet test TutorialSite.sln -c Release --no-build

# Benchmark harness smoke run (bench/README.md): a few seconds per measurement, so the harness cannot rot. It
# asserts that every measurement produced numbers, not how fast they are.
bash bench/run.sh --smoke
