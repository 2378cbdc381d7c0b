#!/usr/bin/env bash
# A real, local Kubernetes control plane for Falcon-Eye's tests and `make run`.
#
#   kube.sh build          build pinned kube-apiserver, controller-manager, scheduler, kubectl,
#                          etcd, kwok and helm from the Go module proxy into a cache directory
#   kube.sh up             start etcd, the control plane and kwok on loopback; create fake nodes
#   kube.sh down           stop exactly what `up` started and remove its state
#   kube.sh status         say whether a control plane is running
#   kube.sh env            print `export KUBECONFIG=...` for the running control plane
#   kube.sh kubectl ARGS   run the built kubectl against it
#   kube.sh bin NAME       print the path of a built binary (kubectl, helm, ...)
#
# No container runtime is needed: pods are "run" by kwok on fake nodes. Everything listens on
# 127.0.0.1 with ports chosen free at start.
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-v1.35.4}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
HELM_VERSION="${HELM_VERSION:-v3.19.0}"

CACHE_ROOT="${FALCON_EYE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/falcon-eye}"
BIN_DIR="$CACHE_ROOT/kube-${KUBE_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_helm-${HELM_VERSION}/bin"
STATE_DIR="${FALCON_EYE_CLUSTER_DIR:-$CACHE_ROOT/cluster}"
KUBECONFIG_FILE="$STATE_DIR/kubeconfig"
NODES=(node-a node-b jetson-1)
KWOK_STAGES=kwok-stages-r2.yaml  # bump when write_kwok_stages changes
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok helm "$KWOK_STAGES")

say() { echo "kube.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------- build

need_go() {
  command -v go >/dev/null 2>&1 || die "the Go toolchain is missing (go not on PATH); install Go >= 1.25"
}

all_built() {
  local b
  for b in "${BINARIES[@]}"; do [[ -e "$BIN_DIR/$b" ]] || return 1; done
}

# The staging modules (k8s.io/api, k8s.io/client-go, ...) are required at v0.0.0 by
# k8s.io/kubernetes and replaced by ./staging/... in its own tree. Replace lines are not
# inherited by a dependent module, so we map each of them to its published v0.X.Y release,
# read from the release's own go.mod.
write_kube_module() {
  local dir=$1 gomod staging_version="v0.${KUBE_VERSION#v1.}"
  gomod=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@${KUBE_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@${KUBE_VERSION} from the Go module proxy"
  {
    echo "module falcon-eye.io/kube-build"
    echo
    grep -E '^go [0-9]' "$gomod"
    echo
    echo "require k8s.io/kubernetes ${KUBE_VERSION}"
    echo
    awk -v ver="$staging_version" '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" { print "replace " $1 " => " $1 " " ver }' "$gomod" | sort -u
  } > "$dir/go.mod"
  cat > "$dir/tools.go" <<'EOF'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
EOF
}

build_kube() {
  local work=$1 minor="${KUBE_VERSION#v1.}"
  minor="${minor%%.*}"
  write_kube_module "$work/kube"
  (cd "$work/kube" && go mod tidy -e >/dev/null 2>&1 || true)
  (cd "$work/kube" && GOFLAGS=-mod=mod go mod download) || die "downloading Kubernetes modules failed"
  local pkg ld=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=${KUBE_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor}"
    ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  local cmd
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    say "building $cmd ${KUBE_VERSION}"
    (cd "$work/kube" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ld" \
      -o "$BIN_DIR/$cmd" "k8s.io/kubernetes/cmd/$cmd") || die "building $cmd failed"
  done
}

build_etcd() {
  local dir=$1/etcd
  mkdir -p "$dir"
  cat > "$dir/go.mod" <<EOF
module falcon-eye.io/etcd-build

go 1.24
EOF
  cat > "$dir/main.go" <<'EOF'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  say "building etcd ${ETCD_VERSION}"
  (cd "$dir" && go get "go.etcd.io/etcd/server/v3@${ETCD_VERSION}" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1 \
    && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN_DIR/etcd" .) || die "building etcd failed"
}

# kwok needs Stage objects that say how fake nodes and pods move through their lifecycle. We
# take kwok's own stock stages (fast node initialisation, heartbeat by lease, the general pod
# lifecycle) from the kwok module of the pinned version, so they always match the binary, with
# two changes:
# - shorter delays (0.2 s + up to 0.3 s jitter instead of 1 s + up to 5 s), so tests and
#   benchmarks do not wait on made-up latency;
# - pods annotated falcon-eye.io/local-runner are left to the local node runner (src-test-e2e),
#   which runs them as real processes and reports their readiness itself: kwok still gives them
#   an IP and deletes them, but never marks them ready.
write_kwok_stages() {
  local dir
  dir=$(cd "$1" && go mod download -json "sigs.k8s.io/kwok@${KWOK_VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [[ -d "$dir/kustomize/stage" ]] || die "could not download the kwok module for its stages"
  local f out="$BIN_DIR/$KWOK_STAGES"
  : > "$out.tmp"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      pod/general/pod-create.yaml pod/general/pod-init-container-running.yaml \
      pod/general/pod-init-container-completed.yaml pod/general/pod-ready.yaml \
      pod/general/pod-complete.yaml pod/general/pod-delete.yaml; do
    [[ -f "$dir/kustomize/stage/$f" ]] || die "kwok ${KWOK_VERSION} has no stage $f"
    echo "---" >> "$out.tmp"
    if [[ $f == pod/* ]]; then
      sed -e 's/durationMilliseconds: 1000/durationMilliseconds: 200/' \
          -e 's/jitterDurationMilliseconds: 5000/jitterDurationMilliseconds: 300/' "$dir/kustomize/stage/$f"
    else
      cat "$dir/kustomize/stage/$f"
    fi | if [[ $f == pod/general/pod-ready.yaml ]]; then
      awk '{ print } /^    matchExpressions:$/ && !done {
        print "    - key: '"'"'.metadata.annotations[\"falcon-eye.io/local-runner\"]'"'"'"
        print "      operator: '"'"'DoesNotExist'"'"'"
        done = 1 }'
    else
      cat
    fi >> "$out.tmp"
  done
  mv "$out.tmp" "$out"
}

build_go_install() {
  local name=$1 pkg=$2
  say "building $name ($pkg)"
  GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "$pkg" || die "building $name failed"
}

cmd_build() {
  if all_built; then say "binaries up to date in $BIN_DIR"; return 0; fi
  need_go
  mkdir -p "$BIN_DIR"
  local work
  work=$(mktemp -d)
  mkdir -p "$work/kube"
  local started=$SECONDS
  [[ -x "$BIN_DIR/etcd" ]] || build_etcd "$work"
  [[ -x "$BIN_DIR/kwok" ]] || build_go_install kwok "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
  [[ -f "$BIN_DIR/$KWOK_STAGES" ]] || write_kwok_stages "$work"
  [[ -x "$BIN_DIR/helm" ]] || build_go_install helm "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
  local b missing=0
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl; do [[ -x "$BIN_DIR/$b" ]] || missing=1; done
  ((missing == 0)) || build_kube "$work"
  rm -rf "$work"
  say "built in $((SECONDS - started)) s into $BIN_DIR"
}

# ------------------------------------------------------------------------------------------- up

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

running() {
  local c
  [[ -f "$STATE_DIR/kubeconfig" ]] || return 1
  for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
    pid_alive "$STATE_DIR/pids/$c.pid" || return 1
  done
}

# start NAME ARGS...: runs a binary of ours in the background, in its own session, with its pid
# and log kept in the state directory.
start() {
  local name=$1; shift
  # 9>&-: the daemons must not inherit the lock that up/down hold.
  # GOGC=400: the Go garbage collector runs a quarter as often, for about five times the live heap
  # in memory (a few hundred MiB more for the API server at the 500-camera benchmark's peak). Two
  # shared cores are what this control plane lacks, not memory.
  GOGC=400 setsid "$BIN_DIR/$name" "$@" >"$STATE_DIR/logs/$name.log" 2>&1 < /dev/null 9>&- &
  echo $! > "$STATE_DIR/pids/$name.pid"
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local what=$1 limit=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { say "timed out after ${limit}s waiting for $what"; return 1; }
    sleep 0.3
  done
}

make_certs() {
  local d=$STATE_DIR/pki
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=falcon-eye-local-ca" 2>/dev/null
    cat > server.ext <<EOF
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth
EOF
    sign() { # name subject [extfile]
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 \
        ${3:+-extfile "$3"} 2>/dev/null
      rm -f "$1.csr"
    }
    sign apiserver "/CN=kube-apiserver" server.ext
    sign admin "/O=system:masters/CN=falcon-eye-admin"
    sign controller-manager "/CN=system:kube-controller-manager"
    sign scheduler "/CN=system:kube-scheduler"
    sign kwok "/O=system:masters/CN=kwok"
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  ) || die "creating certificates with openssl failed"
}

write_kubeconfig() { # file user
  local file=$1 user=$2 d=$STATE_DIR/pki
  cat > "$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: falcon-eye-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$d/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 "$d/$user.crt")
    client-key-data: $(base64 -w0 "$d/$user.key")
contexts:
- name: falcon-eye-local
  context: {cluster: falcon-eye-local, user: $user}
current-context: falcon-eye-local
EOF
  chmod 600 "$file"
}

# Pod IPs must be addresses a local process can bind to (the node runner of the e2e tests runs
# pods as processes on them) and that the API server accepts in EndpointSlices, which rejects
# loopback (127.0.0.0/8). So pods get 198.18.N.x (RFC 2544's benchmarking range, never routed),
# made local by one route on lo (needs root or passwordless sudo once per boot). Without it,
# pods fall back to loopback IPs and Services get no endpoints.
POD_NET_ROUTE=198.18.0.0/16
pod_network() {
  if ip route show table local 2>/dev/null | grep -q "^local $POD_NET_ROUTE "; then echo 198.18; return; fi
  if ip route add local "$POD_NET_ROUTE" dev lo 2>/dev/null || sudo -n ip route add local "$POD_NET_ROUTE" dev lo 2>/dev/null; then
    echo 198.18; return
  fi
  say "warning: cannot add 'ip route add local $POD_NET_ROUTE dev lo' (not root); pods get loopback IPs and Services no endpoints"
  echo 127.1
}

# Fake nodes. Their podCIDRs are local ranges (see pod_network), so the pod IPs kwok hands out
# are addresses a local process can bind to.
node_manifest() { # name index arch taint?
  local name=$1 idx=$2 arch=$3 taint=${4:-} net=${POD_NET:-127.1}
  cat <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $name
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    type: kwok
    kubernetes.io/hostname: $name
    kubernetes.io/os: linux
    kubernetes.io/arch: $arch
    node.kubernetes.io/instance-type: falcon-eye-local
spec:
  podCIDR: $net.$idx.0/24
  podCIDRs: [$net.$idx.0/24]
EOF
  [[ -z "$taint" ]] || cat <<EOF
  taints:
  - {key: dedicated, value: jetson, effect: NoSchedule}
EOF
  cat <<EOF
status:
  allocatable: {cpu: "32", memory: 64Gi, pods: "250"}
  capacity: {cpu: "32", memory: 64Gi, pods: "250"}
  nodeInfo: {architecture: $arch, operatingSystem: linux, kubeletVersion: fake}
  addresses:
  - {type: InternalIP, address: $net.$idx.1}
  - {type: Hostname, address: $name}
EOF
}

create_nodes() {
  local kc=$STATE_DIR/kubeconfig
  POD_NET=$(pod_network)
  {
    node_manifest node-a 1 amd64; echo ---
    node_manifest node-b 2 amd64; echo ---
    node_manifest jetson-1 3 arm64 jetson
  } | "$BIN_DIR/kubectl" --kubeconfig "$kc" apply -f - >/dev/null || die "creating the fake nodes failed"
}

nodes_ready() {
  local out
  out=$("$BIN_DIR/kubectl" --kubeconfig "$STATE_DIR/kubeconfig" get nodes \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}') || return 1
  [[ $(grep -c '^True$' <<<"$out") -ge ${#NODES[@]} ]]
}

cmd_up() {
  mkdir -p "$(dirname "$STATE_DIR")"
  exec 9>"$STATE_DIR.lock"
  flock 9
  if running; then
    say "already running"
    echo "export KUBECONFIG=$KUBECONFIG_FILE"
    return 0
  fi
  all_built || cmd_build
  stop_all quiet
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR"/{pids,logs,etcd}
  local started=$SECONDS
  make_certs

  local etcd_port etcd_peer kcm_port sched_port kwok_port
  etcd_port=$(free_port); etcd_peer=$(free_port); APISERVER_PORT=$(free_port)
  kcm_port=$(free_port); sched_port=$(free_port); kwok_port=$(free_port)
  local pki=$STATE_DIR/pki

  # --unsafe-no-fsync: a throwaway test cluster; fsync on every write costs seconds per test.
  start etcd --name falcon-eye --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "falcon-eye=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync --log-level warn
  wait_for etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health" || fail_up etcd

  start kube-apiserver --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --api-audiences https://kubernetes.default.svc.cluster.local \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --service-cluster-ip-range 10.96.0.0/16 --endpoint-reconciler-type none \
    --enable-priority-and-fairness=false --profiling=false
  wait_for "kube-apiserver /readyz" 90 curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT/readyz" || fail_up kube-apiserver

  write_kubeconfig "$STATE_DIR/kubeconfig" admin
  write_kubeconfig "$STATE_DIR/controller-manager.kubeconfig" controller-manager
  write_kubeconfig "$STATE_DIR/scheduler.kubeconfig" scheduler
  write_kubeconfig "$STATE_DIR/kwok.kubeconfig" kwok

  start kube-controller-manager --kubeconfig "$STATE_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$STATE_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$STATE_DIR/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --leader-elect=false \
    --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-binder,-attachdetach,-persistentvolume-expander,-ttl' \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials=true --service-cluster-ip-range 10.96.0.0/16 \
    --concurrent-gc-syncs 10 --concurrent-deployment-syncs 10 --concurrent-replicaset-syncs 10 \
    --kube-api-qps 200 --kube-api-burst 400
  start kube-scheduler --kubeconfig "$STATE_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$STATE_DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig "$STATE_DIR/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$sched_port" --leader-elect=false \
    --kube-api-qps 200 --kube-api-burst 400
  start kwok --config "$BIN_DIR/$KWOK_STAGES" --kubeconfig "$STATE_DIR/kwok.kubeconfig" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-lease-duration-seconds 40 --server-address "127.0.0.1:$kwok_port" --node-ip 127.0.0.1

  create_nodes
  wait_for "nodes Ready" 60 nodes_ready || fail_up kwok
  for c in kube-controller-manager kube-scheduler kwok; do
    pid_alive "$STATE_DIR/pids/$c.pid" || fail_up "$c"
  done
  wait_for "the default ServiceAccount" 60 "$BIN_DIR/kubectl" --kubeconfig "$STATE_DIR/kubeconfig" \
    get serviceaccount default -n default || fail_up kube-controller-manager
  say "control plane up in $((SECONDS - started)) s (API server https://127.0.0.1:$APISERVER_PORT)"
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
}

fail_up() {
  say "error: $1 did not come up; last lines of its log ($STATE_DIR/logs/$1.log):"
  tail -n 20 "$STATE_DIR/logs/$1.log" >&2 || true
  stop_all quiet
  exit 1
}

# ----------------------------------------------------------------------------------------- down

stop_all() {
  local quiet=${1:-} c pidfile pid
  [[ -d "$STATE_DIR/pids" ]] || return 0
  for c in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    pidfile=$STATE_DIR/pids/$c.pid
    if pid_alive "$pidfile"; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      [[ -n "$quiet" ]] || say "stopped $c ($pid)"
    fi
    rm -f "$pidfile"
  done
}

cmd_down() {
  mkdir -p "$(dirname "$STATE_DIR")"
  exec 9>"$STATE_DIR.lock"
  flock 9
  stop_all
  rm -rf "$STATE_DIR"
}

cmd_env() {
  running || die "no control plane is running (start one with: $0 up)"
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
}

cmd_status() {
  if running; then echo "running: KUBECONFIG=$KUBECONFIG_FILE"; else echo "not running"; return 1; fi
}

cmd_kubectl() {
  [[ -x "$BIN_DIR/kubectl" ]] || die "kubectl is not built yet (run: $0 build)"
  local kc=${KUBECONFIG:-}
  if running; then kc=$KUBECONFIG_FILE; fi
  [[ -n "$kc" ]] || die "no control plane is running and KUBECONFIG is not set"
  exec "$BIN_DIR/kubectl" --kubeconfig "$kc" "$@"
}

cmd_bin() {
  [[ -n "${1:-}" && -x "$BIN_DIR/${1:-}" ]] || die "no built binary '${1:-}' (run: $0 build)"
  echo "$BIN_DIR/$1"
}

case "${1:-}" in
  build) cmd_build ;;
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  status) cmd_status ;;
  kubectl) shift; cmd_kubectl "$@" ;;
  bin) cmd_bin "${2:-}" ;;
  *) die "usage: kube.sh build|up|down|status|env|kubectl ARGS|bin NAME" ;;
esac
