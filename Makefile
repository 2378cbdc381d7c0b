# Falcon-Eye entry points. `make test` and `make run` install what they need themselves.
SHELL := /bin/bash
KUBE := src-test-e2e/cluster/kube.sh
MVN := mvn -B -ntp
APT_PACKAGES := $(shell grep -v '^\s*\#' tools/apt-packages.txt | grep -v '^\s*$$')

.PHONY: help deps cluster-build cluster cluster-down test build run bench bench-relay bench-recorder bench-operator bench-api

help:
	@echo "make run           run Falcon-Eye locally"
	@echo "make test          install what the tests need, then run every test"
	@echo "make cluster       start the local control plane and print how to use it"
	@echo "make cluster-down  stop it"
	@echo "make bench         every benchmark (prints figures; bench-relay, bench-recorder, bench-operator, bench-api one by one)"

# Debian packages the tests and the media tools need (idempotent: installs only what is missing).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

cluster-build:
	@$(KUBE) build

cluster: cluster-build
	@$(KUBE) up
	@echo "kubectl: $(KUBE) kubectl get nodes   (or eval \"\$$($(KUBE) env)\" and use $$($(KUBE) bin kubectl))"

cluster-down:
	@$(KUBE) down

build:
	$(MVN) install -DskipTests

# $(call with_cluster,COMMAND): runs COMMAND against the local control plane, started for it unless
# one is already running (e.g. from `make cluster`), which is then reused and left running.
with_cluster = was_running=0; $(KUBE) status >/dev/null 2>&1 && was_running=1; \
	eval "$$($(KUBE) up)" || exit 1; \
	$(1); rc=$$?; \
	[ $$was_running = 1 ] || $(KUBE) down; \
	exit $$rc

# Every test, against a local control plane started for this run (one already started with
# `make cluster` is reused and left running).
test: deps cluster-build
	@$(call with_cluster,$(MVN) verify)

# The whole of Falcon-Eye on this machine (src-test-e2e/run/run.sh); Ctrl-C stops what it started.
run: deps cluster-build
	@src-test-e2e/run/run.sh

# Benchmarks print their figures; they are not tests and not part of `make test`.
bench: bench-relay bench-recorder bench-operator bench-api

bench-relay: deps
	$(MVN) -pl relay-image -am -Pbench verify

bench-recorder: deps
	$(MVN) -pl recorder-image -am -Pbench verify

bench-operator: deps cluster-build
	@$(call with_cluster,$(MVN) -pl operator -am verify -Pbenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CameraBenchmarkIT)

# The REST API: GET /api/cameras with 1000 cameras under concurrent load, stream proxy CPU against direct relay access.
bench-api: deps cluster-build
	@$(call with_cluster,$(MVN) -pl operator -am verify -Pbenchmark -Dtest=ApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs)
