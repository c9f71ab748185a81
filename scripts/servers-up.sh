#!/usr/bin/env bash
# Starts the project's backing servers natively (no Docker), bound to 127.0.0.1:
#   kafka     Apache Kafka, KRaft single node      127.0.0.1:$KAFKA_PORT (9092), controller :9093
#   mongo     SecantusDB (MongoDB wire, WiredTiger) 127.0.0.1:$MONGO_PORT (27017)
#   stripe    stripe-mock                          127.0.0.1:$STRIPE_PORT (12111), https :12112
#   mail      mailpit (SMTP + web inbox)           SMTP 127.0.0.1:$MAIL_SMTP_PORT (1025), web/API :$MAIL_HTTP_PORT (8025)
#
# Usage: scripts/servers-up.sh [kafka|mongo|stripe|mail ...]     (no argument = all four)
#
# Idempotent: a healthy server of ours already on its port is reused, not restarted (also one another checkout
# started, which servers-down.sh here then leaves alone); a stale one, whose checkout was removed, is replaced; anything
# else on the port stops the script with its name. With FTT_LAUNCHED_FILE set, the names of the servers this run
# launched are appended to that file (the test command stops exactly those when it ends). The first run
# downloads the Kafka jars (Maven), builds SecantusDB (cargo, ~12 min on 2 cores), stripe-mock and mailpit
# (Go, about a minute each); later runs reuse them, and fresh clones on the same machine reuse SecantusDB and
# mailpit from the per-machine cache.
# State (jars, binaries, data, logs, pid files) lives in $FTT_STATE_DIR (default <repo>/.local).
# Stop with scripts/servers-down.sh [name ...].
set -euo pipefail

# shellcheck source-path=SCRIPTDIR/..
# shellcheck source=deploy/native/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/native/lib.sh"

KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# Seconds to wait for each server to become ready once launched.
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-120}"
MONGO_READY_TIMEOUT="${MONGO_READY_TIMEOUT:-60}"
# WiredTiger's cache (its default is 4 GB). It must hold the working set: at 512M, a store with 100,000 orders
# (about 640 MB on disk, compressed) thrashed (millions of page reads, single inserts taking 0.3-0.7 s).
SECANTUS_CACHE_SIZE="${SECANTUS_CACHE_SIZE:-2G}"
STRIPE_READY_TIMEOUT="${STRIPE_READY_TIMEOUT:-60}"
MAIL_READY_TIMEOUT="${MAIL_READY_TIMEOUT:-30}"

KAFKA_HOME="$FTT_STATE_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_PROPS="$KAFKA_HOME/server.properties"
KAFKA_POM="$FTT_NATIVE_DIR/kafka/pom.xml"
# The build carries deploy/native/secantus/idle-wakeups.patch: its hash names the binary, so a changed patch rebuilds.
SECANTUS_PATCH="$FTT_NATIVE_DIR/secantus/idle-wakeups.patch"
SECANTUS_BUILD="$SECANTUS_VERSION-ftt.$(sha256sum "$SECANTUS_PATCH" | cut -c1-8)"
SECANTUS_BIN="$FTT_STATE_DIR/bin/secantusd-rs-$SECANTUS_BUILD"
STRIPE_BIN="$FTT_STATE_DIR/bin/stripe-mock-$STRIPE_MOCK_VERSION"
MAIL_BIN="$FTT_STATE_DIR/bin/mailpit-$MAILPIT_VERSION"
MAIL_CACHED="$FTT_MACHINE_CACHE/bin/mailpit-$MAILPIT_VERSION"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# ---- tools --------------------------------------------------------------------------------------

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

kafka_pom_hash() { sha256sum "$KAFKA_POM" | cut -d' ' -f1; }
kafka_libs_ready() { [[ -f "$KAFKA_LIBS/.pom.sha256" && "$(cat "$KAFKA_LIBS/.pom.sha256")" == "$(kafka_pom_hash)" ]]; }

# Collects every tool that the requested (not yet running) servers need and fails before doing
# any work if one is missing, naming it.
check_tools() {
  local missing=() name
  for name in "$@"; do
    ftt_port_open "$(ftt_port_of "$name")" && continue # already up: nothing to build or run
    case "$name" in
      kafka)
        command -v "$JAVA" >/dev/null || missing+=("java (JDK/JRE 17+, runs Kafka)")
        kafka_libs_ready || command -v mvn >/dev/null || missing+=("mvn (downloads the Kafka jars from Maven Central)")
        ;;
      mongo)
        if ! secantus_cached; then
          command -v cargo >/dev/null || missing+=("cargo (Rust; builds SecantusDB $SECANTUS_VERSION)")
          command -v cmake >/dev/null || missing+=("cmake (SecantusDB's build compiles WiredTiger)")
          command -v cc >/dev/null || missing+=("cc (a C compiler, for WiredTiger)")
        fi
        ;;
      stripe)
        [[ -x "$STRIPE_BIN" ]] || command -v go >/dev/null || missing+=("go (builds stripe-mock $STRIPE_MOCK_VERSION)")
        command -v curl >/dev/null || missing+=("curl (stripe-mock readiness check)")
        ;;
      mail)
        [[ -x "$MAIL_BIN" || -x "$MAIL_CACHED" ]] || command -v go >/dev/null || missing+=("go (builds mailpit $MAILPIT_VERSION)")
        command -v curl >/dev/null || missing+=("curl (mailpit readiness check)")
        ;;
    esac
  done
  if ((${#missing[@]})); then
    ftt_err "missing required tool(s):"
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
  if [[ " $* " == *" kafka "* ]] && ! ftt_port_open "$KAFKA_PORT"; then
    local major
    major="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    if [[ -n "$major" ]] && ((major < 17)); then
      ftt_err "Kafka 4 needs Java 17 or newer; '$JAVA' is Java $major (set JAVA_HOME)."
      exit 1
    fi
  fi
}

# Runs "$@" with output into $log; on failure prints the log tail and exits.
run_logged() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    ftt_err "command failed: $*"
    echo "----- last 30 lines of $log -----" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

# ---- preparing (first run only) -----------------------------------------------------------------

kafka_prepare() {
  if ! kafka_libs_ready; then
    ftt_say "kafka: downloading Kafka jars from Maven Central (first run only)..."
    rm -rf "$KAFKA_LIBS.tmp"
    run_logged "$FTT_LOG_DIR/kafka-mvn.log" \
      mvn -B -ntp -f "$KAFKA_POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.tmp"
    rm -rf "$KAFKA_LIBS"
    mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
    kafka_pom_hash >"$KAFKA_LIBS/.pom.sha256"
    ftt_say "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS"
  fi

  # Regenerated on every start so that port overrides take effect. The quorum is static
  # (controller.quorum.voters), so the formatted log dir does not remember the controller
  # address and survives a change of KAFKA_CONTROLLER_PORT.
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_PROPS" <<EOF
# Generated by scripts/servers-up.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=true
delete.topic.enable=true
# Single node: every internal topic has one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer internal partitions = faster first consumer-group join and faster restarts.
offsets.topic.num.partitions=3
transaction.state.log.num.partitions=3
share.coordinator.state.topic.num.partitions=3
# Tests create many short-lived groups: do not wait 3 s for more members before rebalancing.
group.initial.rebalance.delay.ms=0
# Idle cost (an idle system must stay under 3 % of one core in all): the controller appends a
# no-op record to the metadata log every 500 ms by default and the broker heartbeats to its own
# controller every 2 s; one node needs neither that often. Idle request threads each wake every
# 300 ms: two network threads and four I/O threads are plenty for one machine's traffic.
metadata.max.idle.interval.ms=5000
broker.heartbeat.interval.ms=5000
broker.session.timeout.ms=18000
num.network.threads=2
num.io.threads=4
EOF

  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    ftt_say "kafka: formatting KRaft storage in $KAFKA_DATA (first run only)..."
    local cluster_id_file="$KAFKA_HOME/cluster.id"
    if [[ ! -s "$cluster_id_file" ]]; then
      "$JAVA" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$FTT_NATIVE_DIR/kafka/log4j2.xml" \
        kafka.tools.StorageTool random-uuid >"$cluster_id_file.tmp"
      tail -n1 "$cluster_id_file.tmp" >"$cluster_id_file"
      rm -f "$cluster_id_file.tmp"
    fi
    run_logged "$FTT_LOG_DIR/kafka-format.log" \
      "$JAVA" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$FTT_NATIVE_DIR/kafka/log4j2.xml" \
      kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$cluster_id_file")" -c "$KAFKA_PROPS"
  fi
}

secantus_cached() { [[ -x "$SECANTUS_BIN" || -x "$FTT_MACHINE_CACHE/bin/secantusd-rs-$SECANTUS_BUILD" ]]; }

mongo_prepare() {
  [[ -x "$SECANTUS_BIN" ]] && return 0
  local cached="$FTT_MACHINE_CACHE/bin/secantusd-rs-$SECANTUS_BUILD"
  if [[ -x "$cached" ]]; then
    cp "$cached" "$SECANTUS_BIN.tmp" && mv "$SECANTUS_BIN.tmp" "$SECANTUS_BIN"
    ftt_say "mongo: SecantusDB $SECANTUS_BUILD from this machine's cache ($cached)"
    return 0
  fi
  ftt_say "mongo: building SecantusDB $SECANTUS_BUILD with cargo (first run on this machine only, about 12 min on 2 cores)..."
  local log="$FTT_LOG_DIR/build-secantus.log" work="$FTT_STATE_DIR/tmp/secantus" total=211 n=0 line
  rm -rf "$work"
  mkdir -p "$work/fetch/src" "$work/root"
  # The crate's sources from crates.io (cargo vendor), the idle patch applied to secantus-server, and
  # secantus-mdb installed from that path with a [patch] pointing at the patched copy.
  cat >"$work/fetch/Cargo.toml" <<EOF
[package]
name = "ftt-secantus-sources"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
secantus-mdb = "=$SECANTUS_VERSION"
EOF
  echo 'fn main() {}' >"$work/fetch/src/main.rs"
  ftt_say "mongo: fetching the sources from crates.io..."
  run_logged "$log" cargo vendor --quiet --versioned-dirs --manifest-path "$work/fetch/Cargo.toml" "$work/vendor"
  cp -r "$work/vendor/secantus-mdb-$SECANTUS_VERSION" "$work/secantus-mdb"
  cp -r "$work/vendor/secantus-server-$SECANTUS_VERSION" "$work/secantus-server"
  rm -f "$work/secantus-mdb/.cargo-checksum.json" "$work/secantus-server/.cargo-checksum.json"
  patch --quiet -p1 -d "$work/secantus-server" <"$SECANTUS_PATCH" >>"$log" 2>&1 || {
    ftt_err "the idle patch does not apply to secantus-server $SECANTUS_VERSION (see $log)"
    exit 1
  }
  printf '\n[patch.crates-io]\nsecantus-server = { path = "../secantus-server" }\n' >>"$work/secantus-mdb/Cargo.toml"
  # --ignore-rust-version: the crate asks for a newer rustc than Debian's; it builds and runs with this one.
  set +o pipefail
  cargo install --path "$work/secantus-mdb" --ignore-rust-version --root "$work/root" 2>&1 |
    tee -a "$log" | while IFS= read -r line; do
    if [[ "$line" == *Compiling* ]]; then
      n=$((n + 1))
      ((n % 15 == 0)) && ftt_say "mongo: compiled $n of about $total crates..."
    fi
  done
  set -o pipefail
  if [[ ! -x "$work/root/bin/secantusd-rs" ]]; then
    ftt_err "building SecantusDB failed"
    echo "----- last 30 lines of $log -----" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  mv "$work/root/bin/secantusd-rs" "$SECANTUS_BIN"
  rm -rf "$work"
  mkdir -p "$FTT_MACHINE_CACHE/bin" && cp "$SECANTUS_BIN" "$cached.tmp" && mv "$cached.tmp" "$cached" || true
  ftt_say "mongo: SecantusDB built ($SECANTUS_BIN)"
}

# go_install_tool NAME MODULE@VERSION TARGET: a static build of a Go tool into TARGET (log: build-NAME.log).
go_install_tool() {
  local name="$1" module="$2" target="$3"
  local gobin="$FTT_STATE_DIR/tmp/gobin-$name"
  rm -rf "$gobin"
  mkdir -p "$gobin"
  run_logged "$FTT_LOG_DIR/build-$name.log" env CGO_ENABLED=0 GOBIN="$gobin" go install "$module"
  mv "$gobin/$(basename "${module%@*}")" "$target"
  rm -rf "$gobin"
}

stripe_prepare() {
  [[ -x "$STRIPE_BIN" ]] && return 0
  ftt_say "stripe: building stripe-mock $STRIPE_MOCK_VERSION with Go (first run only)..."
  go_install_tool stripe "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" "$STRIPE_BIN"
}

mail_prepare() {
  [[ -x "$MAIL_BIN" ]] && return 0
  if [[ -x "$MAIL_CACHED" ]]; then
    cp "$MAIL_CACHED" "$MAIL_BIN.tmp" && mv "$MAIL_BIN.tmp" "$MAIL_BIN"
    ftt_say "mail: mailpit $MAILPIT_VERSION from this machine's cache ($MAIL_CACHED)"
    return 0
  fi
  ftt_say "mail: building mailpit $MAILPIT_VERSION with Go (first run on this machine only, about a minute)..."
  go_install_tool mailpit "github.com/axllent/mailpit@$MAILPIT_VERSION" "$MAIL_BIN"
  # 35 MB: cheap to keep per machine, so a fresh clone does not build it again.
  mkdir -p "$FTT_MACHINE_CACHE/bin" && cp "$MAIL_BIN" "$MAIL_CACHED.tmp" && mv "$MAIL_CACHED.tmp" "$MAIL_CACHED" || true
  ftt_say "mail: mailpit built ($MAIL_BIN)"
}

# ---- launching ----------------------------------------------------------------------------------

# Starts "$@" detached (own session, so a Ctrl-C in the calling terminal or the end of a test
# runner does not take the server down), output appended to the server's log, pid recorded.
launch() {
  local name="$1" log
  shift
  log="$(ftt_log_file "$name")"
  # Keep exactly one previous log around (useful after a restart in tests).
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  echo "### $(date -u +%FT%TZ) servers-up.sh: $*" >"$log"
  # setsid and nohup both exec, so $! is the server's own pid. 9>&- : don't inherit the lock.
  setsid nohup "$@" >>"$log" 2>&1 </dev/null 9>&- &
  echo $! >"$(ftt_pid_file "$name")"
}

kafka_launch() {
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
  launch kafka "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$FTT_NATIVE_DIR/kafka/log4j2.xml" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
}

mongo_launch() {
  mkdir -p "$FTT_STATE_DIR/secantus/data"
  # --sync-on-commit: an acknowledged write survives SIGKILL of the server (without it, 14-19 acknowledged
  # writes were lost here when it was killed under load). --cache-size: its default is 4 GB.
  # SECANTUS_DISABLE_OPLOG: no oplog entry per write. Nothing here reads one (no change stream, no transaction, no
  # replica to feed: the outbox rides in each aggregate's own document), and it cost the server about 2 ms of CPU per
  # order in the saga bench (computing each update's description, then logging and syncing it with the data).
  launch mongo env SECANTUS_DISABLE_OPLOG=1 "$SECANTUS_BIN" \
    --host 127.0.0.1 --port "$MONGO_PORT" \
    --storage-path "$FTT_STATE_DIR/secantus/data" \
    --sync-on-commit --cache-size "$SECANTUS_CACHE_SIZE" --log-level WARNING
}

stripe_launch() {
  launch stripe "$STRIPE_BIN" \
    -http-addr "127.0.0.1:$STRIPE_PORT" -https-addr "127.0.0.1:$STRIPE_HTTPS_PORT"
}

mail_launch() {
  mkdir -p "$FTT_STATE_DIR/mailpit"
  # Loopback only; no update check (no internet here); keeps the newest 5,000 messages.
  launch mail "$MAIL_BIN" \
    --smtp "127.0.0.1:$MAIL_SMTP_PORT" --listen "127.0.0.1:$MAIL_HTTP_PORT" \
    --database "$FTT_STATE_DIR/mailpit/mailpit.db" --max 5000 --disable-version-check
}

# ---- readiness ----------------------------------------------------------------------------------

# Sends a Kafka ApiVersions v0 request (api key 18, correlation id 1, null client id) and checks
# that the response echoes correlation id 1: proves the broker is processing requests, not just
# that the socket accepts connections.
kafka_api_probe() {
  local hex
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  hex="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff" >&3
    head -c 8 <&3 | od -An -tx1' _ "$KAFKA_PORT" 2>/dev/null | tr -d ' \n')" || return 1
  [[ "${hex:8:8}" == "00000001" ]]
}

kafka_ready() {
  ftt_port_open "$KAFKA_PORT" && kafka_api_probe || return 1
  # For a broker we launched, also wait until it is unfenced and fully started.
  if [[ "${1:-}" == own ]]; then
    grep -q 'Kafka Server started' "$(ftt_log_file kafka)"
  fi
}
# A real MongoDB handshake (OP_MSG hello), not just an open port.
mongo_ready() {
  ftt_port_open "$MONGO_PORT" && node "$FTT_NATIVE_DIR/mongo-hello.mjs" "$MONGO_PORT"
}
stripe_ready() {
  curl -sf --max-time 3 -H 'Authorization: Bearer sk_test_123' \
    "http://127.0.0.1:$STRIPE_PORT/v1/customers" 2>/dev/null | grep -q '"object"'
}
# mailpit's own readiness endpoint, and the SMTP port accepting connections.
mail_ready() {
  ftt_port_open "$MAIL_SMTP_PORT" &&
    curl -sf --max-time 3 "http://127.0.0.1:$MAIL_HTTP_PORT/readyz" >/dev/null 2>&1
}

# Beyond answering: the server stores data. Only the database can be asked cheaply (an upsert into ftt_probe); the
# others have no state that can silently be lost (Kafka's folder is checked by ftt_port_state).
mongo_healthy() { node "$FTT_NATIVE_DIR/mongo-hello.mjs" "$MONGO_PORT" --write; }
kafka_healthy() { true; }
stripe_healthy() { true; }
mail_healthy() { true; }

# wait_ready NAME TIMEOUT [own]: polls NAME_ready. With "own", also fails fast when the process
# we launched exits, and stops it on timeout so no half-started server lingers.
wait_ready() {
  local name="$1" timeout="$2" own="${3:-}" start now
  start=$SECONDS
  while true; do
    if "${name}_ready" "$own"; then
      return 0
    fi
    if [[ "$own" == own ]] && ! ftt_live_pid "$name" >/dev/null; then
      ftt_err "$name exited during startup (log: $(ftt_log_file "$name"))"
      ftt_log_tail "$name"
      return 1
    fi
    now=$SECONDS
    if ((now - start >= timeout)); then
      if [[ "$own" == own ]]; then
        ftt_err "$name did not become ready within ${timeout}s (log: $(ftt_log_file "$name"))"
        ftt_log_tail "$name"
        ftt_stop_server "$name" 10 || true
      else
        ftt_err "$name: no valid answer on port $(ftt_port_of "$name") within ${timeout}s"
      fi
      return 1
    fi
    sleep 0.5
  done
}

ready_timeout_of() {
  case "$1" in
    kafka) echo "$KAFKA_READY_TIMEOUT" ;;
    mongo) echo "$MONGO_READY_TIMEOUT" ;;
    stripe) echo "$STRIPE_READY_TIMEOUT" ;;
    mail) echo "$MAIL_READY_TIMEOUT" ;;
  esac
}

describe() {
  case "$1" in
    kafka) echo "127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)  KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" ;;
    mongo) echo "mongodb://127.0.0.1:$MONGO_PORT  (SecantusDB $SECANTUS_BUILD, data in $FTT_STATE_DIR/secantus/data)" ;;
    stripe) echo "http://127.0.0.1:$STRIPE_PORT (https :$STRIPE_HTTPS_PORT)  STRIPE_API_BASE=http://127.0.0.1:$STRIPE_PORT" ;;
    mail) echo "smtp://127.0.0.1:$MAIL_SMTP_PORT, web inbox http://127.0.0.1:$MAIL_HTTP_PORT  SMTP_HOST=127.0.0.1 SMTP_PORT=$MAIL_SMTP_PORT" ;;
  esac
}

# ---- main ---------------------------------------------------------------------------------------

main() {
  local name
  ftt_requested_servers usage "$@"
  local requested=("${FTT_REQUESTED[@]}")

  mkdir -p "$FTT_LOG_DIR" "$FTT_RUN_DIR" "$FTT_STATE_DIR/bin"
  ftt_lock
  check_tools "${requested[@]}"

  # Launch everything first (the JVM boots while the others compile), then wait for each. What answers on a port is
  # reused only when it is one of our servers whose state folder still exists (deploy/native/lib.sh, ftt_port_state);
  # a stale one (its checkout removed) is replaced, and anything else on the port stops this script with its name.
  local -A mode=()
  for name in "${requested[@]}"; do
    ftt_port_state "$name"
    case "$FTT_PORT_STATE" in
      ours) mode[$name]=own ;;
      other-checkout) mode[$name]=other ;;
      unknown) mode[$name]=foreign ;;
      alien)
        ftt_err "$FTT_PORT_WHAT. Stop it, or run this server on another port ($(ftt_port_var "$name")=...)."
        exit 1
        ;;
      stale)
        ftt_say "$name: found a stale server: $FTT_PORT_WHAT; stopping it and starting a fresh one"
        ftt_kill_pid "$FTT_PORT_PID" 10
        rm -f "$(ftt_pid_file "$name")"
        ;;&
      free | stale)
        if ftt_live_pid "$name" >/dev/null; then
          mode[$name]=own # ours, still starting (the port is not open yet): just wait for it
        else
          "${name}_prepare"
          "${name}_launch"
          ftt_say "$name: started (pid $(cat "$(ftt_pid_file "$name")")), waiting until ready..."
          mode[$name]=launched
          [[ -n "${FTT_LAUNCHED_FILE:-}" ]] && echo "$name" >>"$FTT_LAUNCHED_FILE"
        fi
        ;;
    esac
  done

  local failed=0 pid probe
  for name in "${requested[@]}"; do
    case "${mode[$name]}" in
      own | other)
        pid="$(ftt_listener_pid "$(ftt_port_of "$name")")"
        pid="${pid:-$(ftt_live_pid "$name" || echo '?')}"
        # "own" readiness also reads this checkout's log, which another checkout's server never wrote.
        probe=""
        [[ "${mode[$name]}" == own ]] && probe=own
        if "${name}_ready" $probe && "${name}_healthy"; then
          if [[ "${mode[$name]}" == own ]]; then
            ftt_say "$name: already running (pid $pid), reusing it"
          else
            ftt_say "$name: already running (pid $pid, started by another checkout), reusing it; servers-down.sh here will not stop it"
          fi
        elif [[ "${mode[$name]}" == own ]] && ! "${name}_ready" own; then
          ftt_say "$name: already starting (pid $pid), waiting until ready..."
          wait_ready "$name" "$(ready_timeout_of "$name")" own || failed=1
        elif ! "${name}_ready" $probe; then
          ftt_err "$name: pid $pid holds port $(ftt_port_of "$name") but does not answer as a working $name; stop it (kill $pid) and run this script again"
          failed=1
        else
          ftt_err "$name: pid $pid answers but does not accept a write; stop it (kill $pid) and run this script again"
          failed=1
        fi
        ;;
      foreign)
        # Something answers but ss cannot name its process: reuse it if it speaks the protocol.
        if wait_ready "$name" 10; then
          ftt_say "$name: port $(ftt_port_of "$name") already answers (not started by these scripts), reusing it;" \
            "servers-down.sh will not stop it"
        else
          ftt_err "$name: port $(ftt_port_of "$name") is taken by something that is not a working $name"
          failed=1
        fi
        ;;
      launched)
        wait_ready "$name" "$(ready_timeout_of "$name")" own || failed=1
        ;;
    esac
  done

  if ((failed)); then
    ftt_err "some servers failed to start (see above)"
    exit 1
  fi
  echo
  for name in "${requested[@]}"; do
    printf '  %-9s %s\n' "$name" "$(describe "$name")"
    if [[ "${mode[$name]}" == own || "${mode[$name]}" == launched ]]; then
      printf '  %-9s log: %s\n' "" "$(ftt_log_file "$name")"
    fi
  done
  echo
  ftt_say "ready. Stop with: bash scripts/servers-down.sh [${FTT_ALL_SERVERS[*]}]"
}

main "$@"
