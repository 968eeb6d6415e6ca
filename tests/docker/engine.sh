# The private Docker engine and the base images the tests build on, sourced by tests/docker/run.sh and by
# tests/arm64/run.sh (which builds the image for linux/arm64 on the same engine). The caller defines say, fail and
# WORK (a scratch folder), calls engine_up and base_images, and engine_down when it exits.
#
# The engine's data root is $TUTORIALSITE_DOCKER_ROOT (default /var/tmp/tutorialsite-docker), kept between runs
# so the stand-ins and the layer cache are reused; a fresh machine builds everything in about five minutes.

STATE=${TUTORIALSITE_DOCKER_ROOT:-/var/tmp/tutorialsite-docker}
export DOCKER_HOST="unix://$STATE/docker.sock"
SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
STANDIN_LABEL=tutorialsite.stand-in
DOCKERD_PID=""

# docker_build ARGS...: `docker build` with BuildKit, which docker/Dockerfile needs ($BUILDPLATFORM, $TARGETARCH):
# through buildx where the client has it (Docker 23 and later), else through Debian's docker.io client (20.10),
# whose BuildKit is built in. Nothing reaches a registry for a base image that is here already.
docker_build() {
  if docker buildx version >/dev/null 2>&1; then
    DOCKER_BUILDKIT=1 docker build --progress=plain "$@"
  else
    DOCKER_BUILDKIT=1 /usr/bin/docker build --progress=plain "$@"
  fi
}

engine_up() {
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

  docker buildx version >/dev/null 2>&1 || [[ -x /usr/bin/docker && "$(/usr/bin/docker version -f '{{.Client.Version}}')" == 20.* ]] \
    || fail "no docker client that builds with BuildKit: docker buildx, or Debian's docker.io client (/usr/bin/docker)"
}

# Stops the engine engine_up started, unless KEEP_DOCKER_ENGINE=1 (then says how to use it and stop it).
engine_down() {
  [[ -n "$DOCKERD_PID" ]] || return 0
  if [[ "${KEEP_DOCKER_ENGINE:-}" == 1 ]]; then
    echo "The engine keeps running (KEEP_DOCKER_ENGINE=1), with the base images and the images built:"
    echo "  export DOCKER_HOST=$DOCKER_HOST    # use it (docker build needs BuildKit: see docker/Dockerfile)"
    echo "  kill $DOCKERD_PID    # stop it"
    return 0
  fi
  kill "$DOCKERD_PID" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$DOCKERD_PID" 2>/dev/null; then
    echo "dockerd ($DOCKERD_PID) did not stop in 30 s; killing it" >&2
    kill -9 "$DOCKERD_PID" 2>/dev/null
  fi
}

# --- 3. Base images: the real ones where a registry answers, else local stand-ins with the same names. ---
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
  docker_build -t "$ASPNET_IMAGE" "$dir/aspnet" >"$dir/aspnet.log" 2>&1 || { tail -20 "$dir/aspnet.log"; fail "building the aspnet stand-in"; }

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
  docker_build -t "$SDK_IMAGE" "$dir/sdk" >"$dir/sdk.log" 2>&1 || { tail -20 "$dir/sdk.log"; fail "building the sdk stand-in"; }
  rm -rf "$dir"
  echo "  stand-ins built in $((SECONDS - t)) s"
}

# The real base images where a registry answers, else local stand-ins with the same names.
base_images() {
  say "Base images"
  if timeout 90 docker pull -q "$SDK_IMAGE" >"$WORK/pull.log" 2>&1 && timeout 90 docker pull -q "$ASPNET_IMAGE" >>"$WORK/pull.log" 2>&1; then
    echo "A registry answered: using the real $SDK_IMAGE and $ASPNET_IMAGE"
  else
    echo "No container registry answers ($(tail -1 "$WORK/pull.log" | cut -c1-120))."
    echo "USING LOCAL STAND-INS for $SDK_IMAGE and $ASPNET_IMAGE: Debian bookworm (debootstrap) with this"
    echo "machine's .NET SDK $(dotnet --version); user app (UID 1654), ASPNETCORE_HTTP_PORTS=8080, as in the real images."
    build_standins
  fi
}
