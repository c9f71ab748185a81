# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables below are used by the scripts that source this file
# Shared configuration and helpers for scripts/servers-up.sh and scripts/servers-down.sh.
# Sourced, not executed. Runs the project's backing servers natively (no Docker):
#   kafka     Apache Kafka (KRaft, single combined broker+controller) from Maven Central jars
#   mongo     SecantusDB's Rust server (MongoDB wire protocol and semantics, WiredTiger), built with cargo
#   stripe    stripe-mock, built with the Go toolchain
#   mail      mailpit (SMTP server + web inbox for development), built with the Go toolchain
# Everything the servers need at run time (jars, binaries, data, logs, pid files) lives under
# $FTT_STATE_DIR (default: <repo>/.local, git-ignored). Nothing here is ever committed.

# ---- pinned versions -------------------------------------------------------------------------
# Kafka's version is pinned in deploy/native/kafka/pom.xml (the jar cache is keyed on that file).
# SecantusDB (crate secantus-mdb, binary secantusd-rs): a young beta with one maintainer, so pinned exactly and
# used only through MongoDB semantics (the same code runs on real MongoDB in deploy/).
SECANTUS_VERSION=0.5.3-beta.196
STRIPE_MOCK_VERSION=v0.203.0 # newest tag the Go module proxy serves (go list -m -versions)
MAILPIT_VERSION=v1.33.1

# ---- locations --------------------------------------------------------------------------------
FTT_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FTT_NATIVE_DIR="$FTT_REPO_ROOT/deploy/native"
FTT_STATE_DIR="${FTT_STATE_DIR:-$FTT_REPO_ROOT/.local}"
FTT_LOG_DIR="$FTT_STATE_DIR/logs"
FTT_RUN_DIR="$FTT_STATE_DIR/run"
# Built binaries are also kept per machine (outside the clone), so a fresh clone on the same machine
# does not compile the database server again (about 12 minutes on 2 cores).
FTT_MACHINE_CACHE="${FTT_MACHINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fieldtotable}"

# ---- ports (all servers bind 127.0.0.1 only) --------------------------------------------------
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${MONGO_PORT:-27017}"
STRIPE_PORT="${STRIPE_PORT:-12111}"
STRIPE_HTTPS_PORT="${STRIPE_HTTPS_PORT:-12112}"
MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-1025}"
MAIL_HTTP_PORT="${MAIL_HTTP_PORT:-8025}"

FTT_ALL_SERVERS=(kafka mongo stripe mail)

# Maps the names people type to the canonical server name; empty output = unknown name.
ftt_canonical_name() {
  case "$1" in
    kafka) echo kafka ;;
    mongo | mongodb | secantus | db) echo mongo ;;
    stripe | stripe-mock) echo stripe ;;
    mail | mailpit | smtp) echo mail ;;
    *) echo "" ;;
  esac
}

# The servers a command line names (canonical names, each once), or all of them when it names none, in the array
# FTT_REQUESTED; -h/--help calls the usage function given first and exits, an unknown name exits 2.
ftt_requested_servers() {
  local usage_fn="$1" arg name
  shift
  FTT_REQUESTED=()
  for arg in "$@"; do
    case "$arg" in
      -h | --help)
        "$usage_fn"
        exit 0
        ;;
    esac
    name="$(ftt_canonical_name "$arg")"
    if [[ -z "$name" ]]; then
      ftt_err "unknown server '$arg' (expected: ${FTT_ALL_SERVERS[*]})"
      exit 2
    fi
    [[ " ${FTT_REQUESTED[*]-} " == *" $name "* ]] || FTT_REQUESTED+=("$name")
  done
  ((${#FTT_REQUESTED[@]})) || FTT_REQUESTED=("${FTT_ALL_SERVERS[@]}")
}

ftt_port_of() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    mongo) echo "$MONGO_PORT" ;;
    stripe) echo "$STRIPE_PORT" ;;
    mail) echo "$MAIL_SMTP_PORT" ;;
  esac
}

# The variable that moves server $1 to another port.
ftt_port_var() {
  case "$1" in
    kafka) echo KAFKA_PORT ;;
    mongo) echo MONGO_PORT ;;
    stripe) echo STRIPE_PORT ;;
    mail) echo MAIL_SMTP_PORT ;;
  esac
}

# Substring that must appear in a pid's command line before we signal it: guards against
# a stale pid file whose pid was recycled by an unrelated process.
ftt_cmd_marker() {
  case "$1" in
    kafka) echo "kafka.Kafka" ;;
    mongo) echo "secantusd-rs" ;;
    stripe) echo "stripe-mock" ;;
    mail) echo "mailpit" ;;
  esac
}

ftt_log_file() { echo "$FTT_LOG_DIR/$1.log"; }
ftt_pid_file() { echo "$FTT_RUN_DIR/$1.pid"; }

ftt_say() { printf '[servers] %s\n' "$*"; }
ftt_err() { printf '[servers] ERROR: %s\n' "$*" >&2; }

# True if something accepts TCP connections on 127.0.0.1:$1 (bash /dev/tcp, no extra tools).
ftt_port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Prints the pid recorded for server $1 if that process is alive and is really that server.
ftt_live_pid() {
  local pid_file pid
  pid_file="$(ftt_pid_file "$1")"
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(ftt_cmd_marker "$1")" || return 1
  echo "$pid"
}

# Serialises servers-up/servers-down runs (test runners may call them concurrently; two runs
# building or launching the same server at once would trample each other). Uses fd 9, which
# launched servers must not inherit (see launch() in servers-up.sh).
ftt_lock() {
  mkdir -p "$FTT_RUN_DIR"
  exec 9>"$FTT_RUN_DIR/.lock"
  if ! flock -n 9; then
    ftt_say "another servers-up/servers-down run holds $FTT_RUN_DIR/.lock; waiting for it..."
    flock -w "${FTT_LOCK_TIMEOUT:-900}" 9 || {
      ftt_err "timed out waiting for $FTT_RUN_DIR/.lock"
      exit 1
    }
  fi
}

# ---- who serves a port ------------------------------------------------------------------------
# A server is reused only when it is healthy and ours: a FieldToTable server (its program), whose state folder still
# exists. A checkout removed while its servers ran leaves them serving from deleted folders (a database server then
# answers hello and panics on every write), so such a server is stopped and a fresh one started.

# The pid listening on 127.0.0.1:$1, or nothing (no listener, or ss cannot tell).
ftt_listener_pid() {
  command -v ss >/dev/null || return 0
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9][0-9]*\).*/\1/p' | head -n1
}

ftt_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# The path whose existence proves that server $1 (pid $2) still has its state: the database's data folder, mailpit's
# database file, Kafka's properties file (which names its log folder), stripe-mock's binary.
ftt_state_path_of() {
  local name="$1" pid="$2" args
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || return 0
  case "$name" in
    mongo) ftt_arg_after --storage-path "${args[@]}" ;;
    mail) ftt_arg_after --database "${args[@]}" ;;
    kafka) echo "${args[${#args[@]}-1]}" ;;
    stripe) readlink "/proc/$pid/exe" 2>/dev/null || true ;;
  esac
}
ftt_arg_after() {
  local flag="$1" prev=""
  shift
  for a in "$@"; do
    [[ "$prev" == "$flag" ]] && { echo "$a"; return 0; }
    prev="$a"
  done
}

# Classifies what listens on server $1's port, in FTT_PORT_STATE (free | ours | other-checkout | stale | alien |
# unknown) and FTT_PORT_PID; FTT_PORT_WHAT says it in words.
ftt_port_state() {
  local name="$1" port pid path
  port="$(ftt_port_of "$name")"
  FTT_PORT_PID="" FTT_PORT_WHAT=""
  if ! ftt_port_open "$port"; then
    FTT_PORT_STATE=free
    return 0
  fi
  pid="$(ftt_listener_pid "$port")"
  if [[ -z "$pid" ]]; then
    FTT_PORT_STATE=unknown FTT_PORT_WHAT="port $port answers, but ss cannot name its process"
    return 0
  fi
  FTT_PORT_PID="$pid"
  if ! ftt_cmdline "$pid" | grep -qF -- "$(ftt_cmd_marker "$name")"; then
    FTT_PORT_STATE=alien FTT_PORT_WHAT="port $port belongs to pid $pid ($(ftt_cmdline "$pid" | cut -c1-120)), not a FieldToTable $name"
    return 0
  fi
  path="$(ftt_state_path_of "$name" "$pid")"
  if [[ -z "$path" || "$path" == *" (deleted)" || ! -e "$path" ]]; then
    FTT_PORT_STATE=stale FTT_PORT_WHAT="$name pid $pid serves from ${path:-an unknown folder}, which no longer exists (its checkout was removed)"
  elif [[ "$(ftt_live_pid "$name" 2>/dev/null || true)" == "$pid" ]]; then
    FTT_PORT_STATE=ours FTT_PORT_WHAT="$name pid $pid, started from $FTT_STATE_DIR"
  else
    FTT_PORT_STATE=other-checkout FTT_PORT_WHAT="$name pid $pid, started by another checkout (state: $path)"
  fi
}

# Stops a server process these scripts did not record (a stale one): SIGTERM, then SIGKILL after $2 seconds.
ftt_kill_pid() {
  local pid="$1" grace="$2" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

ftt_log_tail() {
  local log
  log="$(ftt_log_file "$1")"
  if [[ -f "$log" ]]; then
    echo "----- last 40 lines of $log -----" >&2
    tail -n 40 "$log" >&2
    echo "-----" >&2
  else
    echo "(no log file at $log)" >&2
  fi
}

# Stops server $1 (by its pid file only: we never kill processes we did not start).
# SIGTERM, wait up to $2 seconds, then SIGKILL. Returns non-zero if the port stays busy.
ftt_stop_server() {
  local name="$1" grace="$2" pid port i
  port="$(ftt_port_of "$name")"
  if ! pid="$(ftt_live_pid "$name")"; then
    rm -f "$(ftt_pid_file "$name")"
    if ftt_port_open "$port"; then
      ftt_err "$name: port $port is in use by a process these scripts did not start; leaving it alone."
      return 1
    fi
    ftt_say "$name: not running"
    return 0
  fi
  ftt_say "$name: stopping pid $pid (SIGTERM, up to ${grace}s)..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    ftt_say "$name: still alive after ${grace}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$(ftt_pid_file "$name")"
  # The listening socket goes away with the process; wait briefly to be sure.
  for ((i = 0; i < 50; i++)); do
    ftt_port_open "$port" || break
    sleep 0.1
  done
  if ftt_port_open "$port"; then
    ftt_err "$name: process exited but port $port still answers"
    return 1
  fi
  ftt_say "$name: stopped (port $port free)"
}
