#!/usr/bin/env bash
# The site on arm64 (linux-arm64), emulated by QEMU on an x64 machine: proves that the highlighter's native library
# (libonigwrap for linux-arm64, from the TextMateSharp package) loads and highlights, and that the site serves.
#
#   bash tests/arm64/run.sh            needs root (apt-get, binfmt_misc, chroot)
#
# 1. Installs Debian's qemu-user-static, binfmt-support and debootstrap when missing and registers QEMU for arm64
#    programs (binfmt_misc, with the "fix binary" flag, so chroots and containers find it).
# 2. Builds a Debian bookworm arm64 root file system with the libraries .NET needs (debootstrap, from Debian's
#    mirror; kept in $TUTORIALSITE_ARM64_ROOT, default /var/tmp/tutorialsite-arm64, and reused).
# 3. Publishes the site self-contained for linux-arm64 (the runtime packs come from NuGet) into it; obj/ and bin/
#    go to the state folder (--artifacts-path), so the working tree's own build output is untouched.
# 4. Runs the published site in that root (chroot; every arm64 instruction through qemu-aarch64) on the repository's
#    content with a fresh data folder, and checks: the process is an aarch64 program, it loaded the arm64
#    libonigwrap, /readyz answers, a tutorial's code blocks carry token spans (highlighted on arm64), and the
#    highlight cache was written to the data folder.
# 5. Builds the site's image for linux/arm64 from docker/Dockerfile (BuildKit: the SDK stage on this machine's
#    platform publishing for arm64, the final stage arm64), on the private Docker engine of tests/docker/run.sh
#    (tests/docker/engine.sh); where no registry answers, the arm64 aspnet base is a stand-in built from the root
#    file system above and the .NET runtime packs for linux-arm64 from NuGet. Runs it under QEMU and checks: an
#    arm64 image whose process is aarch64 with the arm64 libonigwrap mapped, /readyz, highlighted code, SIGTERM.
#    SKIP_ARM64_IMAGE=1 leaves this step out.
# Prints "N passed, N failed" at the end; any failed check ends the script with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
STATE=${TUTORIALSITE_ARM64_ROOT:-/var/tmp/tutorialsite-arm64}
ROOTFS=$STATE/rootfs
PORT=${ARM64_PORT:-5421}
PAGE=/docker/writing-a-dockerfile
MIRROR=http://deb.debian.org/debian
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0
started=$SECONDS
SITE_PID=""
CONTAINER=""
ARM64_IMAGE=tutorialsite:arm64-test
RESTORE_ASPNET_TAG=""

say() { printf '\n== %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
fail() {
    printf 'FAIL %s\n' "$*" >&2
    [[ -f "$STATE/site.log" ]] && { echo "--- site log (last 30 lines)" >&2; tail -30 "$STATE/site.log" >&2; }
    printf '%s passed, 1 failed\n' "$passed"
    exit 1
}
cleanup() {
    set +e
    if [[ -n "$SITE_PID" ]]; then
        kill "$SITE_PID" 2>/dev/null
        wait "$SITE_PID" 2>/dev/null
    fi
    for mount in "$ROOTFS/proc" "$ROOTFS/dev"; do
        mountpoint -q "$mount" && umount -l "$mount"
    done
    if [[ -n "${DOCKERD_PID:-}" ]]; then
        [[ -n "$CONTAINER" ]] && docker rm -f "$CONTAINER" >/dev/null 2>&1
        # The x64 stand-in gets its name back, whatever happened in between.
        [[ -n "$RESTORE_ASPNET_TAG" ]] && docker tag "$RESTORE_ASPNET_TAG" "$ASPNET_IMAGE"
        engine_down
    fi
    [[ -n "${WORK:-}" ]] && rm -rf "$WORK"
    true
}
trap cleanup EXIT

[[ $(id -u) == 0 ]] || fail "needs root: apt-get, binfmt_misc and chroot"

say "1. QEMU for arm64 programs"
missing=()
[[ -x /usr/bin/qemu-aarch64-static ]] || missing+=(qemu-user-static)
command -v update-binfmts >/dev/null || missing+=(binfmt-support)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [[ ${#missing[@]} -gt 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null || {
        apt-get -o DPkg::Lock::Timeout=600 update >/dev/null
        apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null
    }
fi
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --enable qemu-aarch64 \
    || update-binfmts --import qemu-aarch64
grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || fail "binfmt_misc has no enabled qemu-aarch64 entry"
grep -q '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 \
    || fail "qemu-aarch64 is registered without the F (fix binary) flag: chroots cannot find the interpreter"
pass "qemu-aarch64 registered ($(/usr/bin/qemu-aarch64-static --version | head -1))"

say "2. A Debian bookworm arm64 root file system"
if [[ ! -f "$ROOTFS/.tutorialsite-complete" ]]; then
    rm -rf "$ROOTFS" && mkdir -p "$STATE"
    t=$SECONDS
    debootstrap --arch=arm64 --foreign --variant=minbase \
        --include=ca-certificates,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
        bookworm "$ROOTFS" "$MIRROR" >"$STATE/debootstrap.log" 2>&1 \
        || { tail -20 "$STATE/debootstrap.log"; fail "debootstrap (first stage)"; }
    chroot "$ROOTFS" /debootstrap/debootstrap --second-stage >>"$STATE/debootstrap.log" 2>&1 \
        || { tail -20 "$STATE/debootstrap.log"; fail "debootstrap (second stage, under qemu)"; }
    touch "$ROOTFS/.tutorialsite-complete"
    echo "   built in $((SECONDS - t)) s"
fi
[[ $(chroot "$ROOTFS" uname -m) == aarch64 ]] || fail "the root file system's programs do not run as aarch64"
pass "bookworm arm64 root file system ($ROOTFS)"

say "3. The site published self-contained for linux-arm64"
t=$SECONDS
rm -rf "$ROOTFS/app"
dotnet publish src/TutorialSite.Web -c Release -r linux-arm64 --self-contained \
    --artifacts-path "$STATE/artifacts" -o "$ROOTFS/app" >"$STATE/publish.log" 2>&1 \
    || { tail -30 "$STATE/publish.log"; fail "dotnet publish -r linux-arm64"; }
echo "   published in $((SECONDS - t)) s"
# An ELF file's machine field (bytes 18-19): 0xb7 is AArch64.
elf_machine() { od -An -tx2 -j18 -N2 "$1" | tr -d ' '; }
# wait_until SECONDS PAUSE COMMAND...: runs COMMAND every PAUSE seconds until it succeeds (status 0), or until SECONDS
# have passed (status 1). COMMAND may fail the run itself when there is no point waiting (the site or container gone).
wait_until() {
    local limit=$1 pause=$2 start=$SECONDS
    shift 2
    until "$@"; do
        (( SECONDS - start < limit )) || return 1
        sleep "$pause"
    done
}
# highlighted URL FILE: URL answers with highlighted code (token spans), saved in FILE.
highlighted() { curl -sf "$1" >"$2" && grep -q 'class="tok-' "$2"; }
# The page's highlighted blocks by language, from FILE: " 3 csharp, 1 bash".
highlighted_blocks() { grep -o 'highlighted" data-lang="[^"]*"' "$1" | sort | uniq -c | tr -s ' ' | paste -sd, -; }
[[ -f "$ROOTFS/app/libonigwrap.so" && $(elf_machine "$ROOTFS/app/libonigwrap.so") == 00b7 ]] \
    || fail "the publish output has no arm64 libonigwrap.so"
[[ $(elf_machine "$ROOTFS/app/TutorialSite.Web") == 00b7 ]] || fail "the app host is not an arm64 program"
pass "arm64 app host and libonigwrap.so in the output"

say "4. The site on arm64, under qemu-aarch64"
mkdir -p "$ROOTFS/proc" "$ROOTFS/dev"
mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
mountpoint -q "$ROOTFS/dev" || mount --bind /dev "$ROOTFS/dev"
rm -rf "$ROOTFS/data" && mkdir -p "$ROOTFS/data"
t=$SECONDS
# DOTNET_EnableWriteXorExecute=0: with W^X the runtime writes JIT code through a second, writable mapping of the same
# memory, which QEMU's translation cache does not see: stale code ran and the site died at start (an
# AccessViolationException, or a NullReferenceException in an EventSource's attributes). Only for the emulation; a real
# arm64 machine keeps the runtime's default.
chroot "$ROOTFS" /usr/bin/env -i HOME=/data PATH=/usr/bin:/bin DOTNET_EnableWriteXorExecute=0 ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="http://127.0.0.1:$PORT" Content__Path=/app/content Content__Watch=false Data__Path=/data \
    ConnectionStrings__Progress="Data Source=/data/progress.db" \
    /app/TutorialSite.Web >"$STATE/site.log" 2>&1 &
SITE_PID=$!
site_ready() {
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz" && return
    kill -0 "$SITE_PID" 2>/dev/null || fail "the site exited before it was ready"
    return 1
}
wait_until 300 1 site_ready || fail "the site was not ready within 300 s"
pass "/readyz answers 200 after $((SECONDS - t)) s"
# The site's process: the app host under QEMU (binfmt runs the interpreter in its place), an aarch64 program.
# (Debian's binfmt entry runs /usr/libexec/qemu-binfmt/aarch64-binfmt-P with the program's path.)
site=$(pgrep -f 'qemu.* /app/TutorialSite.Web' | head -1 || true)
[[ -n "$site" ]] || fail "no site process found"
# The page's code: highlighted on the first start here (a small site), or by the deferred pass moments later.
wait_until 120 1 highlighted "http://127.0.0.1:$PORT$PAGE" "$STATE/page.html" || fail "$PAGE has no highlighted code after 120 s"
pass "$PAGE has token spans: highlighted blocks by language:$(highlighted_blocks "$STATE/page.html")"
grep -q 'libonigwrap' "/proc/$site/maps" || fail "the site's process has not mapped libonigwrap"
pass "the site's process mapped $(grep -o '/[^ ]*libonigwrap[^ ]*' "/proc/$site/maps" | head -1) (arm64, checked above)"
wait_until 60 1 test -s "$ROOTFS/data/highlight-cache.bin" || fail "no highlight cache in the data folder after 60 s"
pass "the highlight cache was written ($(stat -c %s "$ROOTFS/data/highlight-cache.bin") bytes)"
kill "$SITE_PID"
wait "$SITE_PID" || true
SITE_PID=""
pass "the site stopped on SIGTERM"

if [[ "${SKIP_ARM64_IMAGE:-}" != 1 ]]; then
    say "5. The site's image for linux/arm64, run under qemu-aarch64"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/tutorialsite-arm64-image.XXXXXX")
    source tests/docker/engine.sh
    engine_up
    base_images
    if [[ -n "$(docker image inspect -f "{{index .Config.Labels \"$STANDIN_LABEL\"}}" "$ASPNET_IMAGE" 2>/dev/null)" ]]; then
        # Stand-ins: the arm64 aspnet image is this root file system plus the shared runtime for linux-arm64, laid
        # out as the real image has it (/usr/share/dotnet: host/fxr, shared/Microsoft.NETCore.App and
        # Microsoft.AspNetCore.App), from the runtime packs the arm64 publish above restored from NuGet.
        runtime=$(grep -o '"runtimepack.Microsoft.NETCore.App.Runtime.linux-arm64/[^"]*"' "$ROOTFS/app/TutorialSite.Web.deps.json" \
            | head -1 | sed 's#.*/##; s#"##')
        packs=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
        core="$packs/microsoft.netcore.app.runtime.linux-arm64/$runtime/runtimes/linux-arm64"
        aspnet="$packs/microsoft.aspnetcore.app.runtime.linux-arm64/$runtime/runtimes/linux-arm64"
        [[ -n "$runtime" && -d "$core" && -d "$aspnet" ]] || fail "no linux-arm64 runtime packs $runtime in $packs"
        base="$WORK/aspnet-arm64"
        mkdir -p "$base/dotnet/host/fxr/$runtime" "$base/dotnet/shared/Microsoft.NETCore.App/$runtime" \
            "$base/dotnet/shared/Microsoft.AspNetCore.App/$runtime"
        cp "$core/lib/net10.0/"* "$core/native/"* "$base/dotnet/shared/Microsoft.NETCore.App/$runtime/"
        mv "$base/dotnet/shared/Microsoft.NETCore.App/$runtime/libhostfxr.so" "$base/dotnet/host/fxr/$runtime/"
        cp "$aspnet/lib/net10.0/"* "$base/dotnet/shared/Microsoft.AspNetCore.App/$runtime/"
        tar -C "$ROOTFS" --numeric-owner --exclude=./app --exclude=./data --exclude='./proc/*' --exclude='./dev/*' \
            --exclude=./.tutorialsite-complete -cf "$base/rootfs.tar" .
        cat >"$base/Dockerfile" <<EOF
FROM scratch
ADD rootfs.tar /
COPY dotnet /usr/share/dotnet
RUN groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --create-home --shell /bin/false app
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
LABEL $STANDIN_LABEL=arm64-$runtime
CMD ["bash"]
EOF
        t=$SECONDS
        docker_build --platform linux/arm64 -t tutorialsite-standin/aspnet-arm64 "$base" >"$WORK/base.log" 2>&1 \
            || { tail -20 "$WORK/base.log"; fail "building the arm64 aspnet stand-in"; }
        rm -rf "$base"
        echo "   arm64 aspnet stand-in (bookworm arm64, .NET runtime $runtime from NuGet) built in $((SECONDS - t)) s"
        # One name, one image in this engine's store: the arm64 stand-in takes the official name for this build only.
        RESTORE_ASPNET_TAG=$(docker image inspect -f '{{.Id}}' "$ASPNET_IMAGE")
        docker tag tutorialsite-standin/aspnet-arm64 "$ASPNET_IMAGE"
    fi
    t=$SECONDS
    docker_build --platform linux/arm64 -f docker/Dockerfile -t "$ARM64_IMAGE" . >"$WORK/image.log" 2>&1 \
        || { tail -40 "$WORK/image.log"; fail "docker build --platform linux/arm64 -f docker/Dockerfile"; }
    if [[ -n "$RESTORE_ASPNET_TAG" ]]; then
        docker tag "$RESTORE_ASPNET_TAG" "$ASPNET_IMAGE"
        RESTORE_ASPNET_TAG=""
    fi
    [[ "$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$ARM64_IMAGE")" == linux/arm64 ]] || fail "the image is not linux/arm64"
    pass "docker build --platform linux/arm64 -f docker/Dockerfile: a linux/arm64 image in $((SECONDS - t)) s"
    # DOTNET_EnableWriteXorExecute=0 for the emulation only, as in step 4.
    CONTAINER="tsite-arm64-$$"
    docker run -d --name "$CONTAINER" --platform linux/arm64 -e DOTNET_EnableWriteXorExecute=0 \
        -p 127.0.0.1::8080 "$ARM64_IMAGE" >/dev/null || fail "docker run $ARM64_IMAGE"
    port=$(docker port "$CONTAINER" 8080/tcp | head -1 | sed 's/.*://')
    t=$SECONDS
    container_ready() {
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" == 200 ]] && return
        [[ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" == true ]] || { docker logs --tail 30 "$CONTAINER"; fail "the container exited"; }
        return 1
    }
    wait_until 400 2 container_ready || { docker logs --tail 30 "$CONTAINER"; fail "the container was not ready within 400 s"; }
    pass "the arm64 container answers /readyz 200 after $((SECONDS - t)) s under emulation"
    [[ "$(docker exec "$CONTAINER" uname -m)" == aarch64 ]] || fail "the container's programs are not aarch64"
    [[ "$(docker exec "$CONTAINER" od -An -tx2 -j18 -N2 /app/libonigwrap.so | tr -d ' ')" == 00b7 ]] \
        || fail "the image's /app/libonigwrap.so is not an arm64 library"
    docker exec "$CONTAINER" grep -q '/app/libonigwrap.so' /proc/1/maps || fail "the site's process has not mapped /app/libonigwrap.so"
    pass "the container's site is an aarch64 process, UID $(docker exec "$CONTAINER" awk '/^Uid:/ { print $2 }' /proc/1/status), with the image's arm64 libonigwrap.so mapped"
    wait_until 120 2 highlighted "http://127.0.0.1:$port$PAGE" "$WORK/page.html" || fail "$PAGE has no highlighted code in the arm64 container after 120 s"
    pass "$PAGE from the arm64 container has highlighted code:$(highlighted_blocks "$WORK/page.html")"
    docker kill --signal TERM "$CONTAINER" >/dev/null
    code=$(timeout 120 docker wait "$CONTAINER") || fail "the arm64 container did not exit within 120 s of SIGTERM"
    [[ "$code" == 0 ]] || fail "the arm64 container exited with $code after SIGTERM"
    pass "the arm64 container stopped on SIGTERM with 0"
fi

echo
echo "arm64 checks took $((SECONDS - started)) s"
printf '%s passed, 0 failed\n' "$passed"
