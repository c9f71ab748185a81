#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit, integration and end-to-end, against real Kafka, the database server,
# stripe-mock and mailpit (started natively unless KAFKA_BROKERS, MONGO_URL and STRIPE_API_BASE are given), and stops
# the servers it started when it ends (on success, failure or Ctrl-C); servers that were already running stay.
#   bash scripts/test.sh           what CI runs (.ci/run): every test; chaos passes of 100 orders, 5 Schemathesis
#                                  examples per operation and role, 3 race rounds per pair
#   bash scripts/test.sh --long    the same tests at the long sizes: 500-order chaos passes, 25 examples, 100 rounds,
#                                  the mail server down for 60 s instead of 20 in the notifications pass
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

long=0
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    -h | --help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if ((long)); then
  export CHAOS_ORDERS="${CHAOS_ORDERS:-500}" RACE_ROUNDS="${RACE_ROUNDS:-100}"
  export FTT_SCHEMATHESIS_MAX_EXAMPLES="${FTT_SCHEMATHESIS_MAX_EXAMPLES:-25}" FTT_SMTP_OUTAGE_S="${FTT_SMTP_OUTAGE_S:-60}"
else
  # 100 orders still crash every service twice and restart the broker under load, and scale out over two instances
  # with one of each killed; Schemathesis's coverage phase still sends every operation its boundary and negative
  # values as every role, and 5 generated examples per operation (10 until session 13, when Schemathesis was the
  # longest end-to-end file, 281 s, its three Python lanes busy generating) still reach every use case with good and
  # bad input. The long sizes are `--long`, whose figures the README reports.
  export CHAOS_ORDERS="${CHAOS_ORDERS:-100}" FTT_SCHEMATHESIS_MAX_EXAMPLES="${FTT_SCHEMATHESIS_MAX_EXAMPLES:-5}"
fi

STATE="${FTT_STATE_DIR:-$ROOT/.local}"
# The end-to-end files that stop, kill or restart a server get their own Kafka and database (this folder, these
# ports), so they run beside the others instead of after them.
ISOLATED_STATE="$STATE/isolated"
ISOLATED_ENV=(FTT_STATE_DIR="$ISOLATED_STATE" KAFKA_PORT="${ISOLATED_KAFKA_PORT:-19092}"
  KAFKA_CONTROLLER_PORT="${ISOLATED_KAFKA_CONTROLLER_PORT:-19093}" MONGO_PORT="${ISOLATED_MONGO_PORT:-27018}")
launched="$(mktemp)"
launched_isolated="$(mktemp)"
children=()

stop_started() {
  local code=$? names
  trap - EXIT INT TERM
  for pid in "${children[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  names="$(sort -u "$launched_isolated" | tr '\n' ' ')"
  if [[ -n "${names// /}" ]]; then
    step "stopping the servers this run started for the tests that stop servers: $names"
    # shellcheck disable=SC2086 # a list of server names
    env "${ISOLATED_ENV[@]}" bash scripts/servers-down.sh $names || code=1
  fi
  names="$(sort -u "$launched" | tr '\n' ' ')"
  if [[ -n "${names// /}" ]]; then
    step "stopping the servers this run started: $names(already running ones stay)"
    # shellcheck disable=SC2086
    bash scripts/servers-down.sh $names || code=1
  fi
  rm -f "$launched" "$launched_isolated"
  exit "$code"
}
trap stop_started EXIT
trap 'exit 130' INT TERM
export FTT_LAUNCHED_FILE="$launched" # the test runners' global setup may start mailpit: stopped at the end too

# What git says about the checkout, to compare at the end (the contents of changed files too, not only their names).
checkout_state() { { git status --porcelain; git diff; } 2>/dev/null | sha1sum; }
checkout_before="$(checkout_state)"

install_deps
if [[ -z "${KAFKA_BROKERS:-}" || -z "${MONGO_URL:-}" || -z "${STRIPE_API_BASE:-}" ]]; then
  step "starting Kafka, the database server, stripe-mock and mailpit (the first run on a machine downloads and builds them)"
  bash scripts/servers-up.sh
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}" MONGO_URL="mongodb://127.0.0.1:${MONGO_PORT:-27017}"
  export STRIPE_API_BASE="http://127.0.0.1:${STRIPE_PORT:-12111}"
  isolated=1
else
  isolated=0 # servers given from outside (containers, another CI): the destructive files run after the rest on them
fi
# Browser tests drive Debian's Chromium (no browser download), with a CJK font for the Chinese screens (without one
# Chinese text is drawn as boxes of another width, and the phone-width layout checks measure the wrong text);
# hostile-input tests run Schemathesis from PyPI.
has_cjk_font() { command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]; }
if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null || ! has_cjk_font; then
  step "installing Chromium and a Chinese font for the browser tests (Debian packages)"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "chromium or a Chinese font is missing: sudo apt-get install chromium fonts-wqy-microhei (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
step "preparing Schemathesis (a Python venv in the machine's cache, first run only)"
bash scripts/schemathesis.sh --install
# The end-to-end tier runs the services compiled as deployed (node services/<name>/dist/main.mjs): a process starts
# on about a quarter less CPU than through tsx, and every end-to-end file starts several. Half a second to build.
if [[ -z "${FTT_SERVICE_RUNTIME:-}" ]]; then
  step "building the services (pnpm build) for the end-to-end tests"
  pnpm_cmd build >/dev/null
  export FTT_SERVICE_RUNTIME=dist
fi
mkdir -p test-results
rm -f test-results/*.json
status=0

# The files that stop, kill or restart servers (vitest project e2e-servers), one at a time.
vitest_servers_tier() {
  pnpm_cmd exec vitest run --project e2e-servers --reporter=default --reporter=json \
    --outputFile.json=test-results/e2e-servers.json
}
servers_tier=""
if ((isolated)); then
  # They start now, on a Kafka and a database of their own, and run beside everything below: the crash pass waits
  # on restarts more than it computes, so it fills the CPU the other tiers leave idle.
  step "starting the end-to-end files that stop servers, on their own Kafka and database (output in test-results/e2e-servers.log)"
  mkdir -p "$ISOLATED_STATE/kafka"
  ln -sfn "$STATE/bin" "$ISOLATED_STATE/bin"
  ln -sfn "$STATE/kafka/libs" "$ISOLATED_STATE/kafka/libs"
  env "${ISOLATED_ENV[@]}" FTT_LAUNCHED_FILE="$launched_isolated" bash scripts/servers-up.sh kafka mongo
  set -m # its own process group, so an interrupt stops it and the services it started
  (
    export "${ISOLATED_ENV[@]}" KAFKA_BROKERS="127.0.0.1:${ISOLATED_KAFKA_PORT:-19092}" \
      MONGO_URL="mongodb://127.0.0.1:${ISOLATED_MONGO_PORT:-27018}" FTT_LAUNCHED_FILE="$launched_isolated"
    vitest_servers_tier
  ) >test-results/e2e-servers.log 2>&1 &
  servers_tier=$!
  set +m
  children+=("$servers_tier")
fi

# Schemathesis, the longest end-to-end file and nearly all computing (Python generating requests), starts now on two
# lanes, beside the unit and integration tests: they wait on Kafka and the database more than they compute, and left
# a quarter of the cores idle (CI, session 12), which this file fills instead of lengthening the end-to-end tier.
# (vitest project e2e-compute: vitest.config.ts lists its files)
step "starting the end-to-end files that mostly compute (Schemathesis), beside what follows (output in test-results/e2e-early.log)"
set -m
FTT_SCHEMATHESIS_LANES="${FTT_SCHEMATHESIS_LANES:-2}" pnpm_cmd exec vitest run --project e2e-compute \
  --reporter=default --reporter=json --outputFile.json=test-results/e2e-early.json >test-results/e2e-early.log 2>&1 &
early_tier=$!
set +m
children+=("$early_tier")

# Typecheck and lint run beside the unit and integration tests (the tests wait on Kafka and the database more than
# they compute); a type or lint error still stops the run before the end-to-end tier.
step "unit and integration tests, with typecheck and lint beside them (output in test-results/typecheck*.log, lint.log)"
pnpm_cmd exec tsc -p tsconfig.json --noEmit >test-results/typecheck.log 2>&1 &
typecheck=$!
pnpm_cmd --filter @ftt/web typecheck >test-results/typecheck-web.log 2>&1 &
typecheck_web=$!
pnpm_cmd exec eslint . --max-warnings=0 >test-results/lint.log 2>&1 &
lint=$!
children+=("$typecheck" "$typecheck_web" "$lint")
pnpm_cmd exec vitest run --project unit --project 'integration*' \
  --reporter=default --reporter=json --outputFile.json=test-results/unit-int.json || status=1
checks=0
wait "$typecheck" || { cat test-results/typecheck.log; checks=1; }
wait "$typecheck_web" || { cat test-results/typecheck-web.log; checks=1; }
wait "$lint" || { cat test-results/lint.log; checks=1; }
((checks == 0)) || { echo "typecheck or lint failed (above): the end-to-end tests do not run" >&2; exit 1; }

if [[ -n "$servers_tier" ]]; then
  step "end-to-end tests, three files at a time (the files that stop servers still run beside them)"
  pnpm_cmd exec vitest run --project e2e --reporter=default --reporter=json \
    --outputFile.json=test-results/e2e.json || status=1
  step "end-to-end tests that stop servers (output kept in test-results/e2e-servers.log)"
  wait "$servers_tier" || status=1
  children=("$early_tier")
  cat test-results/e2e-servers.log
else
  step "end-to-end tests"
  pnpm_cmd exec vitest run --project e2e --reporter=default --reporter=json \
    --outputFile.json=test-results/e2e.json || status=1
  step "end-to-end tests that stop servers"
  vitest_servers_tier || status=1
fi
step "end-to-end files that ran beside the others (output kept in test-results/e2e-early.log)"
wait "$early_tier" || status=1
cat test-results/e2e-early.log
step "summary"
node scripts/summarize-tests.mjs test-results/unit-int.json test-results/e2e-early.json test-results/e2e.json \
  test-results/e2e-servers.json || status=1
# A run never rewrites the checkout (screenshots and reports go to test-results/, which git ignores).
if [[ "$(checkout_state)" != "$checkout_before" ]]; then
  echo "the tests changed files of the checkout (they may write to test-results/ only): git status says" >&2
  git status --porcelain >&2
  status=1
fi
exit $status
