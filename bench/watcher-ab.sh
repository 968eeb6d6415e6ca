#!/usr/bin/env bash
# ContentWatcher (FileSystemWatcher) against PhysicalFileProvider.Watch change tokens, with inotify and with polling
# (DOTNET_USE_POLLING_FILE_WATCHER=1): per editor operation, ms to the first notification and notifications raised.
#   flock /work/locks/bench.lock bash bench/watcher-ab.sh [REPEATS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/watcher-ab"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "load: $(uptime | sed 's/.*load average: //')"
WATCHER=ours dotnet run watcher-ab.cs -- "${1:-5}"
WATCHER=framework dotnet run watcher-ab.cs -- "${1:-5}"
WATCHER=framework DOTNET_USE_POLLING_FILE_WATCHER=1 dotnet run watcher-ab.cs -- "${1:-5}"
echo "load: $(uptime | sed 's/.*load average: //')"
