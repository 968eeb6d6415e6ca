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

source tests/docker/engine.sh
IMAGE=tutorialsite:test
RUN_ID="tsite-test-$$"
VOLUME="$RUN_ID-data"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tutorialsite-docker-test.XXXXXX")
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
    engine_down
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Any command that fails outside a check of its own still fails the run, loudly.
trap 'fail "line $LINENO: \`$BASH_COMMAND\` failed"' ERR

[[ $EUID -eq 0 ]] || fail "the container tests need root (apt-get, dockerd); run as root, or set SKIP_DOCKER_TESTS=1 for tests/run.sh"

engine_up
base_images

# --- 4. The project image, exactly as docs/operations.md builds it. --------------------------------------------
say "Image"
# Bootstrap comes from libman.json; a local build restores it once (from npm when no CDN answers) and the
# image build reuses those files through their hash stamp (see docker/Dockerfile).
if [[ ! -f src/TutorialSite.Web/obj/client-libraries.sha256 ]]; then
  echo "Restoring client libraries with a local build first"
  dotnet build src/TutorialSite.Web -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; fail "dotnet build"; }
fi
t=$SECONDS
docker_build -f docker/Dockerfile -t "$IMAGE" . >"$WORK/image.log" 2>&1 || { tail -40 "$WORK/image.log"; fail "docker build -f docker/Dockerfile"; }
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

out=$(docker exec "$first" ./TutorialSite.Web backup /data/backup-test.db 2>&1) || { echo "$out"; fail "backup inside the running container"; }
docker cp "$first:/data/backup-test.db" "$WORK/backup.db"
ticks=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from Ticks").fetchone()[0])' "$WORK/backup.db") || fail "the backup is not a readable SQLite database"
[[ "$ticks" == 1 ]] || fail "the backup holds $ticks ticks, not 1"
pass "backup while serving: $(grep -v '^{' <<<"$out")"
out=$(docker exec "$first" ./TutorialSite.Web backup /data/backup-test.db 2>&1) && fail "backup overwrote an existing file"
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
