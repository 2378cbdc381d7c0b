#!/usr/bin/env bash
# `make run`: the whole of Falcon-Eye on this machine.
#
# Builds what is missing or changed, starts the local control plane (or uses the cluster KUBECONFIG
# names), PostgreSQL (data kept in the run's state folder), the operator (API on
# 127.0.0.1:$API_PORT, default 8000), the local node runner (relay, recorder and file-server pods as
# local processes), two demo cameras (RTSP test pattern with a clock and a tone, HTTP MJPEG),
# applies the CRDs, the file servers and a Camera for each demo source, and prints the API's URL of
# each camera's live stream. Ctrl-C stops exactly what it started. Everything that can start in
# parallel does; each step's time is in $LOGS/timings.log.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KUBE=$ROOT/src-test-e2e/cluster/kube.sh
API_PORT=${API_PORT:-8000}
NAMESPACE=falcon-eye
CACHE_ROOT="${FALCON_EYE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/falcon-eye}"
RUN_DIR=${FALCON_EYE_RUN_DIR:-$CACHE_ROOT/run}
LOGS=$RUN_DIR/logs
STATE=$RUN_DIR/state
MVN=(mvn -B -ntp -q)
T0=${EPOCHREALTIME/,/.}

say() { echo "make run: $*" >&2; }
die() { say "error: $*"; exit 1; }
elapsed() { awk -v a="$T0" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", b - a }'; }
mark() { echo "$(elapsed) s  $*" >>"$LOGS/timings.log"; }

# ------------------------------------------------------------------------- what we started

declare -a NAMES=() PIDS=()
CLUSTER_STARTED=0

start_bg() { # name command...: runs a command in the background, its output in $LOGS/name.log
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  NAMES+=("$name"); PIDS+=($!)
}

stop_all() {
  trap - EXIT INT TERM
  local i pid
  ((${#PIDS[@]} == 0)) || say "stopping ${NAMES[*]}"
  # Reverse order: the operator first, the runner (which stops the pods' processes) after it.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if ((CLUSTER_STARTED)); then "$KUBE" down >/dev/null 2>&1 && say "stopped the local control plane"; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() { # description seconds command...
  local what=$1 limit=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "timed out after ${limit}s waiting for $what"
    sleep 0.3
  done
}

alive() { kill -0 "$1" 2>/dev/null; }

# ----------------------------------------------------------------------------------- build

# What make run runs, the modules whose sources it is built from, and the file that proves it built.
BUILDS=(
  "relay-image|relay-image media-common|relay-image/target/relay.jar"
  "recorder-image|recorder-image media-common|recorder-image/target/recorder.jar"
  "operator|operator|operator/target/quarkus-app/quarkus-run.jar"
  "src-test-e2e|src-test-e2e test-support|src-test-e2e/target/run.classpath"
)

# A module needs a build when its output is missing or a source (main code, resources, a pom) is
# newer than the stamp of make run's last build of it. `mvn package` only, never install: the
# build stays in this checkout.
build_missing() {
  local need=() entry module sources artifact stamp m
  for entry in "${BUILDS[@]}"; do
    IFS='|' read -r module sources artifact <<<"$entry"
    stamp=$RUN_DIR/built/$module
    if [[ ! -f $ROOT/$artifact || ! -f $stamp || $ROOT/pom.xml -nt $stamp ]]; then need+=("$module"); continue; fi
    for m in $sources; do
      if [[ $ROOT/$m/pom.xml -nt $stamp || -n $(find "$ROOT/$m/src/main" -newer "$stamp" -print -quit) ]]; then
        need+=("$module"); break
      fi
    done
  done
  ((${#need[@]} == 0)) && return 0
  say "building ${need[*]} (sources changed or never built; unchanged modules are not rebuilt)"
  mkdir -p "$RUN_DIR/built"
  local started
  started=$(date +%s)
  (cd "$ROOT" && "${MVN[@]}" package -Dmaven.test.skip=true -pl "$(IFS=,; echo "${need[*]}")" -am) || die "the build failed"
  for module in "${need[@]}"; do touch -d "@$started" "$RUN_DIR/built/$module"; done
}

port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --------------------------------------------------------------------------------- cluster

LOCAL=1
use_cluster() {
  if [[ -n "${KUBECONFIG:-}" ]] && ! "$KUBE" env 2>/dev/null | grep -qF "KUBECONFIG=$KUBECONFIG"; then
    [[ -f $KUBECONFIG ]] || die "KUBECONFIG names $KUBECONFIG, which does not exist"
    LOCAL=0
    KUBECTL=$(command -v kubectl || "$KUBE" bin kubectl)
    "$KUBECTL" get --raw /readyz >/dev/null 2>&1 || die "the cluster of KUBECONFIG=$KUBECONFIG does not answer"
    say "using the cluster of KUBECONFIG=$KUBECONFIG (no local control plane, no local node runner)"
    return
  fi
  unset KUBECONFIG
  "$KUBE" status >/dev/null 2>&1 || CLUSTER_STARTED=1
  local env
  env=$("$KUBE" up) || die "the local control plane did not start"
  eval "$env"
  export KUBECONFIG
  KUBECTL=$("$KUBE" bin kubectl)
}

k() { "$KUBECTL" --kubeconfig "$KUBECONFIG" "$@"; }

install_falcon_eye() {
  # One apply for the CRDs, the namespace and the file servers (kubectl applies them in order).
  { local f; for f in "$ROOT"/crds/*.yml; do cat "$f"; echo ---; done
    printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n---\n' "$NAMESPACE"
    cat "$ROOT/src-test-e2e/cluster/manifests/file-server.yaml"; } \
    | k apply -n "$NAMESPACE" --server-side --force-conflicts -f - >/dev/null
  # The token recorders present to the API's internal endpoint (the chart creates it in a cluster).
  k -n "$NAMESPACE" create secret generic falcon-eye-internal --from-literal=token="$(openssl rand -hex 24)" \
    >/dev/null 2>&1 || true
  k wait --for=condition=Established --timeout=60s crd/cameras.falcon-eye.io crd/recordings.falcon-eye.io >/dev/null
}

# ------------------------------------------------------------------------------- processes

classpath() {
  echo "$ROOT/src-test-e2e/target/classes:$(cat "$ROOT/src-test-e2e/target/run.classpath")"
}

start_runner() {
  # Namespaces of test runs (labelled falcon-eye.io/test=true) belong to their own runners.
  start_bg runner java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(classpath)" \
    io.falconeye.e2e.runner.LocalNodeRunner \
    --state "$STATE" --images "$ROOT/src-test-e2e/cluster/local-images.yaml" --var "REPO=$ROOT" \
    --skip-test-namespaces
}

start_demo_sources() {
  rm -f "$RUN_DIR/demo-urls"
  start_bg demo-cameras java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(classpath)" \
    io.falconeye.e2e.runner.DemoSources "$RUN_DIR/demo-urls" 8554 8090
  DEMO_PID=${PIDS[-1]}
}

await_file() { # file pid name seconds: until the process named wrote the file
  local deadline=$((SECONDS + $4))
  until [[ -s $1 ]]; do
    alive "$2" || { tail -n 20 "$LOGS/$3.log" >&2; die "$3 did not start"; }
    ((SECONDS < deadline)) || die "$3 did not start within $4 s ($LOGS/$3.log)"
    sleep 0.1
  done
}

await_demo_sources() {
  await_file "$RUN_DIR/demo-urls" "$DEMO_PID" demo-cameras 60
  RTSP_URL=$(sed -n 's/^rtsp=//p' "$RUN_DIR/demo-urls")
  MJPEG_URL=$(sed -n 's/^mjpeg=//p' "$RUN_DIR/demo-urls")
}

# PostgreSQL for the API. Its data stays in the state folder, so a second run finds its database
# (and the recordings' rows) as it left them. PostgreSQL refuses to run as root, so as root it runs
# as the postgres user, which needs a folder it can reach: a root home (mode 700) is not one.
database_dir() {
  local dir=$STATE/postgres
  if [[ $(id -u) == 0 ]] && ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
    dir=/var/tmp/falcon-eye-run-$(echo -n "$STATE" | sha1sum | cut -c1-8)/postgres
  fi
  echo "$dir"
}

start_database() {
  DB_SETTINGS=$RUN_DIR/database.env
  rm -f "$DB_SETTINGS"
  DB_PID=
  if [[ -n ${DATABASE_HOST:-} ]]; then
    # Another PostgreSQL (DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD,
    # DATABASE_NAME, as the operator reads them): the operator inherits them as they are.
    return
  fi
  local port dir
  port=$(free_port)
  dir=$(database_dir)
  mkdir -p "$(dirname "$dir")"
  start_bg postgres java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(classpath)" \
    io.falconeye.e2e.runner.LocalDatabase "$dir" "$DB_SETTINGS" "$port"
  DB_PID=${PIDS[-1]}
  # The operator starts without waiting for the database: it connects when the database answers.
  DATABASE_ENV=(DATABASE_HOST=127.0.0.1 DATABASE_PORT="$port" DATABASE_USER=falcon
    DATABASE_PASSWORD=falcon-test-password DATABASE_NAME=falconeye)
}

# The operator's JVM keeps the classes it loaded in a class-data archive (AppCDS, a JDK feature:
# -XX:ArchiveClassesAtExit writes it when the JVM exits, -XX:SharedArchiveFile maps it); a new
# build of the operator makes a new archive on the next run.
operator_cds() {
  local app=$ROOT/operator/target/quarkus-app jsa=$RUN_DIR/cds/operator.jsa
  mkdir -p "$RUN_DIR/cds"
  if [[ -f $jsa && -z $(find "$app" -newer "$jsa" -type f -print -quit) ]]; then
    echo "-XX:SharedArchiveFile=$jsa"
  else
    rm -f "$jsa"
    echo "-XX:ArchiveClassesAtExit=$jsa"
  fi
}

start_operator() {
  # WATCH_NAMESPACES: the operator's default is every namespace; make run keeps to falcon-eye so
  # it never reconciles the Cameras of test runs sharing the local cluster.
  start_bg operator env JETSON_NODES=jetson-1 QUARKUS_OPERATOR_SDK_NAMESPACES="${WATCH_NAMESPACES:-$NAMESPACE}" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$API_PORT" \
    FALCON_EYE_NAMESPACE="$NAMESPACE" FALCON_EYE_API_URL="${FALCON_EYE_API_URL:-http://127.0.0.1:$API_PORT}" \
    "${DATABASE_ENV[@]}" \
    java "@$ROOT/operator/src/main/jvm/jvm.options" "$(operator_cds)" \
    -jar "$ROOT/operator/target/quarkus-app/quarkus-run.jar"
  OPERATOR_PID=${PIDS[-1]}
}

await_api() {
  local deadline=$((SECONDS + 120))
  until curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/api/cameras"; do
    alive "$OPERATOR_PID" || { tail -n 30 "$LOGS/operator.log" >&2; die "the operator exited"; }
    ((SECONDS < deadline)) || die "the API did not answer within 120 s ($LOGS/operator.log)"
    sleep 0.2
  done
}

apply_demo_cameras() {
  k -n "$NAMESPACE" apply -f - >/dev/null <<EOF
# The demo RTSP camera: a moving test pattern with a running clock and a 440 Hz tone.
apiVersion: falcon-eye.io/v1alpha1
kind: Camera
metadata:
  name: demo-rtsp
spec:
  protocol: rtsp
  source:
    url: $RTSP_URL
  framerate: 15
  location: make run
  recording:
    segmentSeconds: 60
---
# The demo HTTP MJPEG camera: passed through to viewers without decoding.
apiVersion: falcon-eye.io/v1alpha1
kind: Camera
metadata:
  name: demo-mjpeg
spec:
  protocol: http
  nodeName: node-b
  source:
    url: $MJPEG_URL
  framerate: 10
  location: make run
EOF
}

summary() {
  local cam uid
  echo
  echo "Falcon-Eye is running ($(elapsed) s). Ctrl-C stops everything make run started."
  echo
  echo "  Live streams (open in a browser; the API proxies each camera's relay):"
  for cam in demo-rtsp demo-mjpeg; do
    uid=$(k -n "$NAMESPACE" get camera "$cam" -o jsonpath='{.metadata.uid}')
    echo "    $cam  http://127.0.0.1:$API_PORT/api/cameras/$uid/stream"
  done
  echo
  echo "  API:         http://127.0.0.1:$API_PORT/api/cameras, /api/recordings (OpenAPI: /q/openapi)"
  echo "  kubectl:     eval \"\$($KUBE env)\"; alias kubectl=$KUBECTL"
  echo "               kubectl get cameras,recordings,pods -n $NAMESPACE -o wide"
  echo "  record:      curl -X POST http://127.0.0.1:$API_PORT/api/cameras/<id>/recording/start   (then .../stop)"
  echo "  recordings:  $STATE/nodes/<node>/data/falcon-eye/recordings/"
  echo "  logs:        $LOGS/ (operator, runner, postgres, demo-cameras), pods: $STATE/pod-logs/"
  echo
}

# ------------------------------------------------------------------------------------ main

mkdir -p "$LOGS"
: >"$LOGS/timings.log"
port_free "$API_PORT" || die "port $API_PORT is in use; free it or set API_PORT (e.g. API_PORT=8001 make run)"
build_missing
mark "build checked"
# Everything starts at once; the waits come after.
DEMO_PID=
DATABASE_ENV=()
[[ -n "${KUBECONFIG:-}" ]] || start_demo_sources
start_database
use_cluster
mark "control plane up"
if ((LOCAL)) && [[ -z $DEMO_PID ]]; then start_demo_sources; fi
if ((!LOCAL)) && [[ -n $DEMO_PID ]]; then kill "$DEMO_PID"; fi
if ((LOCAL)); then start_runner; fi
# The operator's JVM is the slowest to start: when the CRDs are there already (any run but the
# first), it starts before the (idempotent) apply of the CRDs and the file servers, not after.
if k get crd cameras.falcon-eye.io recordings.falcon-eye.io >/dev/null 2>&1; then
  start_operator
  install_falcon_eye
else
  install_falcon_eye
  start_operator
fi
mark "CRDs, namespace, file servers applied; operator starting"
if ((LOCAL)); then
  await_demo_sources
  mark "demo cameras serving"
  apply_demo_cameras
  mark "demo Cameras applied"
fi
await_api
mark "operator and API up"
if [[ -n $DB_PID ]]; then await_file "$DB_SETTINGS" "$DB_PID" postgres 60; mark "PostgreSQL up"; fi
if ((LOCAL)); then
  summary
  for cam in demo-rtsp demo-mjpeg; do
    if k -n "$NAMESPACE" wait --for=condition=Ready --timeout=180s "camera/$cam" >/dev/null; then
      mark "camera $cam Ready"; say "$cam is Ready ($(elapsed) s)"
    else
      say "camera $cam is not Ready yet: kubectl describe camera -n $NAMESPACE $cam"
    fi
  done
else
  # A real cluster runs the pods itself (the relay and recorder images must be pullable there);
  # the demo cameras listen on this machine's loopback, which its pods cannot reach.
  echo
  echo "Falcon-Eye's operator runs against $KUBECONFIG (API on http://127.0.0.1:$API_PORT). Ctrl-C stops it."
  echo "Apply a Camera: kubectl apply -n $NAMESPACE -f examples/camera-rtsp.yaml"
  echo
fi
# Serve until Ctrl-C or until one of our processes dies.
wait -n "${PIDS[@]}" || true
for i in "${!PIDS[@]}"; do
  alive "${PIDS[i]}" || say "${NAMES[i]} stopped unexpectedly; last lines of $LOGS/${NAMES[i]}.log:"
  alive "${PIDS[i]}" || tail -n 20 "$LOGS/${NAMES[i]}.log" >&2
done
exit 1
