#!/usr/bin/env bash
# `make run`: the whole of Falcon-Eye on this machine.
#
# Builds what is missing, starts the local control plane (or uses the cluster KUBECONFIG names),
# the operator (API on 127.0.0.1:$API_PORT, default 8000), the local node runner (relay, recorder
# and file-server pods as local processes), two demo cameras (RTSP test pattern with a clock and
# a tone, HTTP MJPEG), applies the CRDs, the file servers and a Camera for each demo source, and
# prints where to watch. Ctrl-C stops exactly what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KUBE=$ROOT/src-test-e2e/cluster/kube.sh
API_PORT=${API_PORT:-8000}
NAMESPACE=falcon-eye
CACHE_ROOT="${FALCON_EYE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/falcon-eye}"
RUN_DIR=${FALCON_EYE_RUN_DIR:-$CACHE_ROOT/run}
LOGS=$RUN_DIR/logs
MVN=(mvn -B -ntp -q)
STARTED=$SECONDS

say() { echo "make run: $*" >&2; }
die() { say "error: $*"; exit 1; }

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

build_missing() {
  local need=()
  [[ -f $ROOT/relay-image/target/relay.jar ]] || need+=(relay-image)
  [[ -f $ROOT/recorder-image/target/recorder.jar ]] || need+=(recorder-image)
  [[ -f $ROOT/operator/target/quarkus-app/quarkus-run.jar ]] || need+=(operator)
  [[ -f $ROOT/src-test-e2e/target/run.classpath && -f $ROOT/src-test-e2e/target/classes/io/falconeye/e2e/runner/LocalNodeRunner.class ]] \
    || need+=(src-test-e2e)
  ((${#need[@]} == 0)) && return 0
  say "building ${need[*]} (once; later runs reuse the build)"
  (cd "$ROOT" && "${MVN[@]}" install -DskipTests -pl "$(IFS=,; echo "${need[*]}")" -am) || die "the build failed"
}

port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
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
  k apply --server-side --force-conflicts -f "$ROOT/crds" >/dev/null
  k wait --for=condition=Established --timeout=60s crd/cameras.falcon-eye.io crd/recordings.falcon-eye.io >/dev/null
  k get namespace "$NAMESPACE" >/dev/null 2>&1 || k create namespace "$NAMESPACE" >/dev/null
  # The token recorders present to the API's internal endpoint (the chart creates it in a cluster).
  k -n "$NAMESPACE" get secret falcon-eye-internal >/dev/null 2>&1 \
    || k -n "$NAMESPACE" create secret generic falcon-eye-internal --from-literal=token="$(openssl rand -hex 24)" >/dev/null
  k -n "$NAMESPACE" apply -f "$ROOT/src-test-e2e/cluster/manifests/file-server.yaml" >/dev/null
}

# ------------------------------------------------------------------------------- processes

classpath() {
  echo "$ROOT/src-test-e2e/target/classes:$(cat "$ROOT/src-test-e2e/target/run.classpath")"
}

start_runner() {
  # Namespaces of test runs (labelled falcon-eye.io/test=true) belong to their own runners.
  start_bg runner java -Xmx256m -XX:+UseSerialGC -cp "$(classpath)" io.falconeye.e2e.runner.LocalNodeRunner \
    --state "$RUN_DIR/state" --images "$ROOT/src-test-e2e/cluster/local-images.yaml" --var "REPO=$ROOT" \
    --skip-test-namespaces
}

start_demo_sources() {
  rm -f "$RUN_DIR/demo-urls"
  start_bg demo-cameras java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(classpath)" \
    io.falconeye.e2e.runner.DemoSources "$RUN_DIR/demo-urls" 8554 8090
  DEMO_PID=${PIDS[-1]}
}

await_demo_sources() {
  local deadline=$((SECONDS + 60))
  until [[ -s $RUN_DIR/demo-urls ]]; do
    alive "$DEMO_PID" || { tail -n 20 "$LOGS/demo-cameras.log" >&2; die "the demo cameras did not start"; }
    ((SECONDS < deadline)) || die "the demo cameras did not start within 60 s ($LOGS/demo-cameras.log)"
    sleep 0.2
  done
  RTSP_URL=$(sed -n 's/^rtsp=//p' "$RUN_DIR/demo-urls")
  MJPEG_URL=$(sed -n 's/^mjpeg=//p' "$RUN_DIR/demo-urls")
}

start_operator() {
  # WATCH_NAMESPACES: the operator's default is every namespace; make run keeps to falcon-eye so
  # it never reconciles the Cameras of test runs sharing the local cluster.
  start_bg operator env JETSON_NODES=jetson-1 QUARKUS_OPERATOR_SDK_NAMESPACES="${WATCH_NAMESPACES:-$NAMESPACE}" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$API_PORT" \
    FALCON_EYE_NAMESPACE="$NAMESPACE" FALCON_EYE_API_URL="http://127.0.0.1:$API_PORT" \
    java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ROOT/operator/target/quarkus-app/quarkus-run.jar"
  OPERATOR_PID=${PIDS[-1]}
}

await_operator() {
  local deadline=$((SECONDS + 120))
  until grep -q ' started in ' "$LOGS/operator.log" 2>/dev/null; do
    alive "$OPERATOR_PID" || { tail -n 30 "$LOGS/operator.log" >&2; die "the operator exited"; }
    ((SECONDS < deadline)) || die "the operator did not start within 120 s ($LOGS/operator.log)"
    sleep 0.3
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

relay_url() { # camera: the relay's stream URL from its Service's ready EndpointSlice
  local ip
  ip=$(k -n "$NAMESPACE" get endpointslices -l "kubernetes.io/service-name=svc-$1" \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | head -n1)
  [[ -n $ip ]] && echo "http://$ip:8081/stream"
}

summary() {
  local api_up=0 cam uid url
  curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/api/cameras" && api_up=1
  echo
  echo "Falcon-Eye is running ($((SECONDS - STARTED)) s). Ctrl-C stops everything make run started."
  echo
  for cam in demo-rtsp demo-mjpeg; do
    uid=$(k -n "$NAMESPACE" get camera "$cam" -o jsonpath='{.metadata.uid}')
    url=$(relay_url "$cam" || true)
    if ((api_up)); then
      echo "  $cam  live: http://127.0.0.1:$API_PORT/api/cameras/$uid/stream"
    else
      echo "  $cam  live: ${url:-(relay not ready yet)}   (the API's /api/cameras/$uid/stream once the REST API is in)"
    fi
  done
  echo
  echo "  kubectl:     eval \"\$($KUBE env)\"; $KUBECTL get cameras,recordings,pods -n $NAMESPACE -o wide"
  echo "  record:      $KUBE kubectl apply -n $NAMESPACE -f - <<< '{\"apiVersion\":\"falcon-eye.io/v1alpha1\",\"kind\":\"Recording\",\"metadata\":{\"name\":\"demo-1\"},\"spec\":{\"cameraRef\":\"demo-rtsp\",\"durationSeconds\":120}}'"
  echo "  recordings:  $RUN_DIR/state/nodes/<node>/data/falcon-eye/recordings/"
  echo "  logs:        $LOGS/ (operator, runner, demo-cameras), pods: $RUN_DIR/state/pod-logs/"
  echo
}

# ------------------------------------------------------------------------------------ main

mkdir -p "$LOGS"
port_free "$API_PORT" || die "port $API_PORT is in use; free it or set API_PORT (e.g. API_PORT=8001 make run)"
build_missing
# Everything starts at once; the waits come after.
DEMO_PID=
[[ -n "${KUBECONFIG:-}" ]] || start_demo_sources
use_cluster
if ((LOCAL)) && [[ -z $DEMO_PID ]]; then start_demo_sources; fi
if ((!LOCAL)) && [[ -n $DEMO_PID ]]; then kill "$DEMO_PID"; fi
install_falcon_eye
if ((LOCAL)); then start_runner; fi
start_operator
if ((LOCAL)); then
  await_demo_sources
  apply_demo_cameras
  await_operator
  say "waiting for the demo cameras to become Ready"
  for cam in demo-rtsp demo-mjpeg; do
    k -n "$NAMESPACE" wait --for=condition=Ready --timeout=180s "camera/$cam" >/dev/null \
      || say "camera $cam is not Ready yet: $KUBE kubectl describe camera -n $NAMESPACE $cam"
  done
  summary
else
  # A real cluster runs the pods itself (the relay and recorder images must be pullable there);
  # the demo cameras listen on this machine's loopback, which its pods cannot reach.
  await_operator
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
