#!/usr/bin/env bash
# The container, tested for real (called by tests/run.sh; runs on its own too: `bash tests/docker/run.sh`).
#
# Starts a private Docker engine (Debian's docker.io, its own data root, no systemd), builds the image from
# docker/Dockerfile, runs it on 127.0.0.1 with a named volume and checks what an operator relies on:
# readiness, the non-root user, a tick saved over HTTP surviving a new container on the same volume,
# `migrate`, `check`, `backup`, `restore` and `insights` inside the image, /metrics on Metrics__Port, JSON request logs, and
# a clean exit on SIGTERM.
#
# Where no container registry answers (as on the project's machines), the two base images are first built
# as local stand-ins tagged with the official names, from Debian packages (debootstrap) and the .NET SDK on
# this machine; the output says so. Where a registry answers, the real images are pulled and used.
#
# KEEP_DOCKER_ENGINE=1 leaves the engine running at the end (it prints how to use and stop it), so an
# operator on a machine without registry access can go on with the steps of docs/operations.md.
# Needs root (apt-get, dockerd). The engine's data root is kept in $TUTORIALSITE_DOCKER_ROOT
# (default /var/tmp/tutorialsite-docker) so later runs reuse the stand-ins and layer cache; a fresh machine
# builds everything in about five minutes. Any failed check ends the script with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/../.."

STATE=${TUTORIALSITE_DOCKER_ROOT:-/var/tmp/tutorialsite-docker}
export DOCKER_HOST="unix://$STATE/docker.sock"
# The classic builder: no buildx here, and BuildKit's front-end would try to reach Docker Hub.
export DOCKER_BUILDKIT=0
IMAGE=tutorialsite:test
RUN_ID="tsite-test-$$"
VOLUME="$RUN_ID-data"
SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
STANDIN_LABEL=tutorialsite.stand-in
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tutorialsite-docker-test.XXXXXX")
DOCKERD_PID=""
passed=0
started=$SECONDS

say() { printf '\n== %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*" >&2
  printf '%s passed, 1 failed\n' "$passed"
  exit 1
}

cleanup() {
  local status=$?
  set +e
  if [[ -n "$DOCKERD_PID" ]]; then
    local containers
    containers=$(docker ps -aq --filter "name=$RUN_ID" 2>/dev/null)
    if [[ -n "$containers" ]]; then
      if [[ $status -ne 0 ]]; then
        for c in $containers; do
          echo "--- logs of $(docker inspect -f '{{.Name}}' "$c") (last 30 lines)" >&2
          docker logs --tail 30 "$c" >&2 2>&1
        done
      fi
      docker rm -f $containers >/dev/null 2>&1
    fi
    docker volume rm -f "$VOLUME" >/dev/null 2>&1
    # Layers of earlier builds that no tag uses any more; a day's worth stays as build cache.
    docker image prune -f --filter until=24h >/dev/null 2>&1
    if [[ "${KEEP_DOCKER_ENGINE:-}" == 1 ]]; then
      echo "The engine keeps running (KEEP_DOCKER_ENGINE=1), with the base images and $IMAGE:"
      echo "  export DOCKER_HOST=$DOCKER_HOST DOCKER_BUILDKIT=0    # use it (the classic builder)"
      echo "  kill $DOCKERD_PID    # stop it"
    else
      kill "$DOCKERD_PID" 2>/dev/null
      for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
      if kill -0 "$DOCKERD_PID" 2>/dev/null; then
        echo "dockerd ($DOCKERD_PID) did not stop in 30 s; killing it" >&2
        kill -9 "$DOCKERD_PID" 2>/dev/null
      fi
    fi
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Any command that fails outside a check of its own still fails the run, loudly.
trap 'fail "line $LINENO: \`$BASH_COMMAND\` failed"' ERR

[[ $EUID -eq 0 ]] || fail "the container tests need root (apt-get, dockerd); run as root, or set SKIP_DOCKER_TESTS=1 for tests/run.sh"

# --- 1. Tools: Debian's docker.io (engine and containerd) and debootstrap, installed when missing. --------
say "Docker engine"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >"$WORK/apt.log" 2>&1 || {
    apt-get -o DPkg::Lock::Timeout=600 update >>"$WORK/apt.log" 2>&1
    apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >>"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; fail "apt-get install ${missing[*]}"; }
  }
fi
command -v docker >/dev/null || fail "no docker client"

# --- 2. A private dockerd: its own data root, exec root, pidfile and socket; stopped by PID on exit. ------
mkdir -p "$STATE"
if [[ -f "$STATE/dockerd.pid" ]] && kill -0 "$(cat "$STATE/dockerd.pid")" 2>/dev/null; then
  # A run that died without cleaning up left its engine; this script started it, so this script stops it.
  old=$(cat "$STATE/dockerd.pid")
  if [[ "$(tr '\0' ' ' <"/proc/$old/cmdline")" == *"--data-root $STATE/data"* ]]; then
    echo "Stopping the engine a previous run left behind (PID $old)"
    kill "$old"
    for _ in $(seq 1 30); do kill -0 "$old" 2>/dev/null || break; sleep 1; done
  fi
fi
rm -f "$STATE/docker.sock"
dockerd --data-root "$STATE/data" --exec-root "$STATE/exec" --pidfile "$STATE/dockerd.pid" \
  -H "$DOCKER_HOST" >"$STATE/dockerd.log" 2>&1 &
DOCKERD_PID=$!
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && break
  kill -0 "$DOCKERD_PID" 2>/dev/null || { tail -20 "$STATE/dockerd.log"; fail "dockerd exited"; }
  sleep 1
done
docker info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log"; fail "dockerd did not answer in 60 s"; }
echo "dockerd $(docker version -f '{{.Server.Version}}') (PID $DOCKERD_PID, data root $STATE/data)"

# --- 3. Base images: the real ones where a registry answers, else local stand-ins with the same names. ---
say "Base images"
is_standin() { [[ "$(docker image inspect -f "{{index .Config.Labels \"$STANDIN_LABEL\"}}" "$1" 2>/dev/null)" == "$2" ]]; }

build_standins() {
  local dotnet_root version
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  version=$(dotnet --version)
  if is_standin "$SDK_IMAGE" "$version" && is_standin "$ASPNET_IMAGE" "$version"; then
    echo "Reusing the stand-ins built earlier for SDK $version"
    return
  fi
  local dir="$STATE/standin"
  rm -rf "$dir" && mkdir -p "$dir"
  echo "Building a Debian bookworm root file system (debootstrap --variant=minbase)"
  local t=$SECONDS
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
    bookworm "$dir/rootfs" http://deb.debian.org/debian >"$dir/debootstrap.log" 2>&1 \
    || { tail -20 "$dir/debootstrap.log"; fail "debootstrap"; }
  # The official images' non-root user.
  chroot "$dir/rootfs" groupadd --gid 1654 app
  chroot "$dir/rootfs" useradd --uid 1654 --gid 1654 --create-home --shell /bin/false app
  rm -rf "$dir/rootfs/var/cache/apt/archives/"*.deb "$dir/rootfs/var/lib/apt/lists/"*
  tar -C "$dir/rootfs" --numeric-owner -c . | docker import - tutorialsite-standin/bookworm:latest >/dev/null
  rm -rf "$dir/rootfs"
  echo "  root file system imported in $((SECONDS - t)) s"

  # aspnet: the machine's .NET runtimes (host, Microsoft.NETCore.App, Microsoft.AspNetCore.App).
  mkdir -p "$dir/aspnet/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$dotnet_root/LICENSE.txt" "$dir/aspnet/dotnet/"
  cat >"$dir/aspnet/Dockerfile" <<EOF
FROM tutorialsite-standin/bookworm:latest
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
LABEL $STANDIN_LABEL=$version
CMD ["bash"]
EOF
  docker build -t "$ASPNET_IMAGE" "$dir/aspnet" >"$dir/aspnet.log" 2>&1 || { tail -20 "$dir/aspnet.log"; fail "building the aspnet stand-in"; }

  # sdk: the machine's whole SDK, plus its extra CA certificates: NuGet here goes through a proxy that
  # re-signs TLS, and certificate revocation cannot be checked offline.
  mkdir -p "$dir/sdk/ca"
  cp -a "$dotnet_root" "$dir/sdk/dotnet"
  cp /usr/local/share/ca-certificates/*.crt "$dir/sdk/ca/" 2>/dev/null || true
  cat >"$dir/sdk/Dockerfile" <<EOF
FROM tutorialsite-standin/bookworm:latest
COPY dotnet /usr/share/dotnet
COPY ca /usr/local/share/ca-certificates/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates >/dev/null
ENV APP_UID=1654 DOTNET_RUNNING_IN_CONTAINER=true NUGET_CERT_REVOCATION_MODE=offline \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
LABEL $STANDIN_LABEL=$version
CMD ["bash"]
EOF
  docker build -t "$SDK_IMAGE" "$dir/sdk" >"$dir/sdk.log" 2>&1 || { tail -20 "$dir/sdk.log"; fail "building the sdk stand-in"; }
  rm -rf "$dir"
  echo "  stand-ins built in $((SECONDS - t)) s"
}

if timeout 90 docker pull -q "$SDK_IMAGE" >"$WORK/pull.log" 2>&1 && timeout 90 docker pull -q "$ASPNET_IMAGE" >>"$WORK/pull.log" 2>&1; then
  echo "A registry answered: using the real $SDK_IMAGE and $ASPNET_IMAGE"
else
  echo "No container registry answers ($(tail -1 "$WORK/pull.log" | cut -c1-120))."
  echo "USING LOCAL STAND-INS for $SDK_IMAGE and $ASPNET_IMAGE: Debian bookworm (debootstrap) with this"
  echo "machine's .NET SDK $(dotnet --version); user app (UID 1654), ASPNETCORE_HTTP_PORTS=8080, as in the real images."
  build_standins
fi

# --- 4. The project image, exactly as docs/operations.md builds it. --------------------------------------------
say "Image"
# Bootstrap comes from libman.json; a local build restores it once (from npm when no CDN answers) and the
# image build reuses those files through their hash stamp (see docker/Dockerfile).
if [[ ! -f src/TutorialSite.Web/obj/client-libraries.sha256 ]]; then
  echo "Restoring client libraries with a local build first"
  dotnet build src/TutorialSite.Web -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; fail "dotnet build"; }
fi
t=$SECONDS
docker build -f docker/Dockerfile -t "$IMAGE" . >"$WORK/image.log" 2>&1 || { tail -40 "$WORK/image.log"; fail "docker build -f docker/Dockerfile"; }
pass "docker build -f docker/Dockerfile -t $IMAGE . ($((SECONDS - t)) s)"

# --- 5. Checks. ---------------------------------------------------------------------------------------
say "Container"
docker volume create "$VOLUME" >/dev/null
owner=$(docker run --rm -v "$VOLUME:/data" --entrypoint stat "$IMAGE" -c %u /data) || fail "stat /data in the image"
[[ "$owner" == 1654 ]] || fail "a new volume at /data is owned by UID $owner, not 1654"
shipped=$(docker run --rm -v "$VOLUME:/data" --entrypoint ls "$IMAGE" -A /data) || fail "ls /data in the image"
[[ -z "$shipped" ]] || fail "the image ships data in /data: $shipped"
pass "a new named volume at /data belongs to UID 1654 and starts empty (no database or keys in the image)"

out=$(docker run --rm "$IMAGE" check 2>&1) || { echo "$out"; fail "check inside the image"; }
grep -q "^0 errors" <<<"$out" || { echo "$out"; fail "check reported errors"; }
pass "docker run IMAGE check: $(grep "^0 errors" <<<"$out")"

# Starts a container on the volume and waits until /readyz is 200; sets $port to its port on 127.0.0.1.
port=""
start() {
  local name=$1; shift
  docker run -d --name "$name" -p 127.0.0.1::8080 -v "$VOLUME:/data" "$@" "$IMAGE" >/dev/null || fail "docker run $name"
  port=$(docker port "$name" 8080/tcp | head -1 | sed 's/.*://')
  for _ in $(seq 1 60); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" == 200 ]] && return
    [[ "$(docker inspect -f '{{.State.Running}}' "$name")" == true ]] || break
    sleep 1
  done
  curl -s "http://127.0.0.1:$port/readyz" >&2 || true
  fail "$name: /readyz did not answer 200 within 60 s"
}

# Stops a container with SIGTERM: it must refuse new requests at once and exit by itself with 0.
stop_cleanly() {
  local name=$1 t=$SECONDS code
  docker kill --signal TERM "$name" >/dev/null
  sleep 0.5
  [[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" != 200 ]] || fail "$name still served a new request after SIGTERM"
  code=$(timeout 40 docker wait "$name") || fail "$name did not exit within 40 s of SIGTERM"
  [[ "$code" == 0 ]] || fail "$name exited with $code after SIGTERM"
  [[ "$(docker logs "$name" 2>&1)" == *"Application is shutting down"* ]] || fail "$name did not log its shutdown"
  pass "SIGTERM: $name stopped taking requests and exited 0 in $((SECONDS - t)) s"
}

page=/docker/what-is-docker
key=container-vs-vm
jar="$WORK/cookies.txt"

first="$RUN_ID-1"
start "$first"
pass "$first is ready: /readyz 200 on 127.0.0.1:$port ($((SECONDS - started)) s since the script started)"

ready=$(curl -s "http://127.0.0.1:$port/readyz")
python3 - "$ready" <<'EOF' || fail "/readyz detail: $ready"
import json, sys
r = json.loads(sys.argv[1])
assert r["status"] == "Healthy", r
assert r["checks"]["database"]["status"] == "Healthy" and r["checks"]["database"]["data"]["pendingMigrations"] == [], r
assert r["checks"]["content"]["status"] == "Healthy" and r["checks"]["content"]["data"]["tutorials"] > 0, r
EOF
pass "/readyz JSON: content loaded, database reachable and migrated"
[[ "$(curl -s "http://127.0.0.1:$port/healthz")" == Healthy ]] || fail "/healthz"
pass "/healthz answers Healthy"

uid=$(docker exec "$first" awk '/^Uid:/ { print $2 }' /proc/1/status) || fail "docker exec $first"
[[ "$uid" == 1654 ]] || fail "the site runs as UID $uid, not 1654"
pass "the site's process (PID 1) runs as UID 1654"

# The antiforgery token for a tick: in the forms of a learner's page, or, on the shared page a new reader gets
# (which carries none), from ?handler=Token, as the page's script asks for it. Cookies go to $jar.
token_for() {
  local html token
  html=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$1$page")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | head -1 | sed 's/.*value="//; s/"$//' || true)
  if [[ -z "$token" ]]; then
    token=$(curl -s -c "$jar" -b "$jar" -H 'Accept: application/json' "http://127.0.0.1:$1$page?handler=Token" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' || true)
  fi
  printf '%s' "$token"
}

# A learner ticks an item through the page's real form (antiforgery token and cookie included).
token=$(token_for "$port")
[[ -n "$token" ]] || fail "no antiforgery token on $page"
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "key=$key" --data-urlencode "done=true" \
  "http://127.0.0.1:$port$page?handler=Tick")
[[ "$status" == 303 ]] || fail "ticking $key answered $status, not 303"
ticked() { [[ "$(curl -s -b "$jar" "http://127.0.0.1:$1$page")" == *"id=\"tick-$key\" checked"* ]]; }
ticked "$port" || fail "the tick is not shown after a reload"
pass "a tick saved through the page's form (303) shows after a reload"

docker logs "$first" 2>/dev/null | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.startswith("{")]
requests = [l for l in lines if l.get("EventId") == 1 and l["Category"].endswith("RequestLogging")]
tick = [r for r in requests if r["State"]["Method"] == "POST" and r["State"]["StatusCode"] == 303]
assert tick and "ElapsedMilliseconds" in tick[0]["State"] and "Timestamp" in tick[0], requests
' || fail "no JSON request log line with status and duration for the POST"
pass "logs are JSON lines; the POST has one line with its status and duration"

out=$(docker exec "$first" dotnet TutorialSite.Web.dll backup /data/backup-test.db 2>&1) || { echo "$out"; fail "backup inside the running container"; }
docker cp "$first:/data/backup-test.db" "$WORK/backup.db"
ticks=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from Ticks").fetchone()[0])' "$WORK/backup.db") || fail "the backup is not a readable SQLite database"
[[ "$ticks" == 1 ]] || fail "the backup holds $ticks ticks, not 1"
pass "backup while serving: $(grep -v '^{' <<<"$out")"
out=$(docker exec "$first" dotnet TutorialSite.Web.dll backup /data/backup-test.db 2>&1) && fail "backup overwrote an existing file"
grep -q "already exists" <<<"$out" && ! grep -q "   at " <<<"$out" || { echo "$out"; fail "backup to an existing file: no clear error"; }
pass "backup to an existing file fails with one clear line, no stack trace"

# SIGTERM while a request is in flight: a tick whose form body trickles in at 2 KiB/s for about 5 s. The
# site must stop taking new requests, finish this one (303, tick stored) and only then exit 0.
token=$(token_for "$port")
padding=$(head -c 10000 /dev/zero | tr '\0' x)
curl -s -o /dev/null -w '%{http_code}' --limit-rate 2k -c "$WORK/slow-jar" -b "$jar" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "key=run-detached" \
  --data-urlencode "done=true" --data-urlencode "padding=$padding" \
  "http://127.0.0.1:$port$page?handler=Tick" >"$WORK/in-flight.status" &
slow=$!
sleep 1.5
stop_cleanly "$first"
wait "$slow" || fail "the request in flight during SIGTERM failed (curl exit $?)"
[[ "$(cat "$WORK/in-flight.status")" == 303 ]] || fail "the request in flight during SIGTERM answered $(cat "$WORK/in-flight.status"), not 303"
pass "the request in flight at SIGTERM completed (303) before the site exited"

# A separate migration step, then a new container that does not migrate, on the same volume.
out=$(docker run --rm -v "$VOLUME:/data" "$IMAGE" migrate 2>&1) || { echo "$out"; fail "migrate"; }
pass "docker run -v VOLUME:/data IMAGE migrate: $(grep -v '^{' <<<"$out" | tail -1)"

# insights on the volume's database (one learner): aggregates only, their count suppressed below the threshold.
header='course,tutorial,key,section,text,learners_ticked,share_of_visitors,still_true,not_anymore'
out=$(docker run --rm -v "$VOLUME:/data" "$IMAGE" insights 2>&1) || { echo "$out"; fail "insights inside the image"; }
grep -qx "$header" <<<"$out" || { echo "$out"; fail "insights: no CSV header"; }
grep -q ",$key,.*,<5," <<<"$out" || { echo "$out"; fail "insights: the one learner's tick on $key is not suppressed"; }
out=$(docker run --rm -v "$VOLUME:/data" "$IMAGE" insights --format json --min-learners 1 2>&1) || { echo "$out"; fail "insights --format json"; }
grep -v '^{"' <<<"$out" | python3 -c 'import json, sys; r = json.load(sys.stdin); assert any(i["learnersTicked"] == 1 for c in r["courses"] for t in c["tutorials"] for i in t["checklist"])' \
  || { echo "$out"; fail "insights --format json --min-learners 1: no item ticked by one learner"; }
pass "docker run -v VOLUME:/data IMAGE insights: CSV with the one learner suppressed, JSON with --min-learners 1"

second="$RUN_ID-2"
start "$second" -e Database__MigrateOnStart=false
ticked "$port" || fail "the tick did not survive a new container"
key=run-detached ticked "$port" || fail "the tick saved by the request in flight at SIGTERM is not there"
pass "both ticks survive in a new container on the same volume (with Database__MigrateOnStart=false)"

# The restore drill: the backup above holds one tick ($key); run-detached came after it. Refused while a site
# runs on the volume (its lock is held across containers), done once it is stopped, and exactly the backup's
# ticks afterwards, in a site with metrics on, whose /metrics answers on its own port only.
out=$(docker run --rm -v "$VOLUME:/data" "$IMAGE" restore /data/backup-test.db 2>&1) && { echo "$out"; fail "restore replaced the database of a running site"; }
grep -q "in use by a running site" <<<"$out" || { echo "$out"; fail "restore beside a running site: no clear error"; }
pass "docker run IMAGE restore beside a running site is refused: $(grep -v '^{' <<<"$out" | tail -1)"
stop_cleanly "$second"
out=$(docker run --rm -v "$VOLUME:/data" "$IMAGE" restore /data/backup-test.db 2>&1) || { echo "$out"; fail "restore"; }
pass "docker run -v VOLUME:/data IMAGE restore /data/backup-test.db: $(grep -v '^{' <<<"$out" | tail -1)"
third="$RUN_ID-3"
start "$third" -e Metrics__Port=9464 -p 127.0.0.1::9464
ticked "$port" || fail "the backup's tick is not there after the restore"
key=run-detached ticked "$port" && fail "a tick made after the backup is still there after the restore"
pass "after the restore exactly the backup's tick is there"
metrics_port=$(docker port "$third" 9464/tcp | head -1 | sed 's/.*://')
# The body is read whole before grep: with pipefail, `curl | grep -q` fails whenever grep's early exit cuts curl off.
metrics_body=""
for _ in $(seq 1 20); do
  metrics_body=$(curl -sf "http://127.0.0.1:$metrics_port/metrics" || true)
  grep -q '^tutorialsite_content_tutorials' <<<"$metrics_body" && break
  sleep 0.5
done
grep -q '^tutorialsite_content_tutorials' <<<"$metrics_body" || fail "no /metrics on Metrics__Port"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" == 404 ]] || fail "/metrics answers on the public port"
pass "Metrics__Port=9464: /metrics in Prometheus format there, 404 on the public port"
stop_cleanly "$third"

# --- The image on PostgreSQL, two replicas: tests/run.sh passes its private cluster's port. --------------
if [[ -z "${TUTORIALSITE_PG_PORT:-}" ]]; then
  echo "SKIPPED: the image on PostgreSQL (TUTORIALSITE_PG_PORT is unset; tests/run.sh starts a cluster and sets it)" >&2
else
  say "Scale out: the image on PostgreSQL, two replicas"
  db="tsite_docker_$$"
  psql -h 127.0.0.1 -p "$TUTORIALSITE_PG_PORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null || fail "CREATE DATABASE $db"
  # Host networking: the test cluster listens on the host's loopback only; each replica takes its own port.
  pg=(--network host -e Database__Provider=Postgres
      -e "ConnectionStrings__Progress=Host=127.0.0.1;Port=$TUTORIALSITE_PG_PORT;Username=postgres;Database=$db")
  out=$(docker run --rm "${pg[@]}" "$IMAGE" migrate 2>&1) || { echo "$out"; fail "migrate on PostgreSQL"; }
  pass "docker run IMAGE migrate on PostgreSQL: $(grep -v '^{' <<<"$out" | tail -1)"
  mkdir -m 777 "$WORK/import"
  cp "$WORK/backup.db" "$WORK/import/progress.db" && chmod 666 "$WORK/import/progress.db"
  out=$(docker run --rm "${pg[@]}" -v "$WORK/import:/import" "$IMAGE" import /import/progress.db 2>&1) || { echo "$out"; fail "import"; }
  pass "docker run IMAGE import FILE (the SQLite backup above): $(grep -v '^{' <<<"$out" | tail -1)"
  out=$(docker run --rm "${pg[@]}" "$IMAGE" insights --min-learners 1 2>&1) || { echo "$out"; fail "insights on PostgreSQL"; }
  grep -q ",$key,[a-z]*,.*,1,1,<1,<1$" <<<"$out" || { echo "$out"; fail "insights on PostgreSQL: the imported tick on $key is not counted"; }
  pass "docker run IMAGE insights on PostgreSQL counts the imported tick"

  replica() { # NAME PORT: a replica that does not migrate, ready once /readyz is 200
    docker run -d --name "$1" "${pg[@]}" -e ASPNETCORE_HTTP_PORTS="$2" "$IMAGE" >/dev/null || fail "docker run $1"
    for _ in $(seq 1 60); do
      [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/readyz")" == 200 ]] && return
      [[ "$(docker inspect -f '{{.State.Running}}' "$1")" == true ]] || break
      sleep 1
    done
    fail "$1: /readyz did not answer 200 within 60 s"
  }
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
  p1=$(free_port); replica "$RUN_ID-pg1" "$p1"
  p2=$(free_port); replica "$RUN_ID-pg2" "$p2"
  pass "two replicas on one PostgreSQL database are ready on 127.0.0.1:$p1 and :$p2"
  ticked "$p1" && ticked "$p2" || fail "the imported tick is not shown by both replicas"
  pass "the learner's imported tick shows on both replicas"

  # A form from replica 1 (token and antiforgery cookie), posted to replica 2.
  token=$(token_for "$p1")
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "key=run-detached" --data-urlencode "done=true" \
    "http://127.0.0.1:$p2$page?handler=Tick")
  [[ "$status" == 303 ]] || fail "a form from replica 1 posted to replica 2 answered $status, not 303"
  pass "a form fetched from replica 1 is accepted by replica 2 (keys shared in the database)"
  key=run-detached ticked "$p1" || fail "the tick through replica 2 does not show on replica 1"
  pass "a tick through replica 2 shows on replica 1"

  docker kill "$RUN_ID-pg1" >/dev/null
  ticked "$p2" && key=run-detached ticked "$p2" || fail "replica 2 lost a tick after replica 1 was killed"
  pass "kill -9 of replica 1: replica 2 still answers with every tick"
  docker rm -f "$RUN_ID-pg1" "$RUN_ID-pg2" >/dev/null
fi

say "Summary"
echo "Docker checks finished in $((SECONDS - started)) s"
printf '%s passed, 0 failed\n' "$passed"
