#!/usr/bin/env bash
# Runs the whole system on this machine: Kafka, the database server (SecantusDB), stripe-mock, mailpit, identity and the
# four services, the demo people (real accounts, a demo password) and data, and the web app; prints where to open the
# app and how to sign in. Ctrl-C stops the services and the servers
# this run started (servers that were already running stay);
#   bash scripts/dev.sh --keep-servers    leaves the servers running after Ctrl-C, for a quicker next start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

keep_servers=0
for arg in "$@"; do
  case "$arg" in
    --keep-servers) keep_servers=1 ;;
    -h | --help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

pids=()
launched="$(mktemp)"
cleanup() {
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    step "stopping services"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
  fi
  local names
  names="$(sort -u "$launched" | tr '\n' ' ')"
  if [[ -n "${names// /}" ]] && ((!keep_servers)); then
    step "stopping the servers this run started: $names(--keep-servers keeps them)"
    # shellcheck disable=SC2086 # a list of server names
    bash scripts/servers-down.sh $names || true
  fi
  rm -f "$launched"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_deps
step "starting Kafka, the database server, stripe-mock and mailpit (the first run on a machine downloads and builds them)"
FTT_LAUNCHED_FILE="$launched" bash scripts/servers-up.sh

STATE="${FTT_STATE_DIR:-$ROOT/.local}"
mkdir -p "$STATE/logs"
# identity's secret (session cookies, verification links, the encryption of its signing keys): a per-machine random
# one, never a default: made once, kept in the git-ignored state folder. No other service holds a secret for tokens:
# they verify identity's tokens with the keys it publishes.
[[ -s "$STATE/dev-identity-secret" ]] || node -e "console.log(require('crypto').randomBytes(32).toString('hex'))" >"$STATE/dev-identity-secret"
export AUTH_JWKS_URL="http://127.0.0.1:3006/.well-known/jwks.json"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
MONGO_BASE="${MONGO_BASE:-mongodb://127.0.0.1:27017}"
# Without STRIPE_SECRET_KEY orders uses its built-in simulated payment provider, so the demo runs offline.


start() { # name port [entry under src/, default main.ts] [log name]
  local name=$1 port=$2 entry=${3:-main.ts} logname=${4:-$1}
  PORT=$port MONGO_URL="$MONGO_BASE/ftt_$name" \
    node --import tsx "services/$name/src/$entry" >>"$STATE/logs/$logname.log" 2>&1 &
  pids+=($!)
  printf '  %-10s http://127.0.0.1:%s  (log: %s)\n' "$logname" "$port" "$STATE/logs/$logname.log"
}
wait_ready() { # name port
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$2/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$1 did not become ready; last log lines:" >&2
  tail -n 30 "$STATE/logs/$1.log" >&2
  exit 1
}

step "starting services"
# Accounts and access tokens: the one trust root. DEMO_PEOPLE=on makes the demo people real accounts (the demo
# password below); the demo signs people in often from one address, so its sign-in limit is raised. 3005 is the ingest's.
BETTER_AUTH_SECRET="$(cat "$STATE/dev-identity-secret")" IDENTITY_URL=http://127.0.0.1:3006 APP_URL=http://127.0.0.1:5173 \
  DEMO_PEOPLE=on SIGN_IN_MAX="${SIGN_IN_MAX:-100}" SMTP_HOST=127.0.0.1 SMTP_PORT="${MAIL_SMTP_PORT:-1025}" start identity 3006
start catalog 3001
start orders 3002
start logistics 3003
# The temperature loggers' ingest: its own process on logistics' database (bench/simulate-cold-chain.ts drives it).
# The demo accepts readings a day ahead: the simulator replays a delivery day in minutes.
READINGS_MAX_FUTURE_MS=86400000 start logistics 3005 ingest-main.ts logistics-ingest
# Mail goes to mailpit (web inbox http://127.0.0.1:8025); the demo admin hears of dead letters and stuck orders.
SMTP_HOST=127.0.0.1 SMTP_PORT="${MAIL_SMTP_PORT:-1025}" OPERATOR_IDS="${OPERATOR_IDS:-user-admin-ada}" start notifications 3004
for s in "identity 3006" "catalog 3001" "orders 3002" "logistics 3003" "notifications 3004" "logistics-ingest 3005"; do wait_ready $s; done

step "publishing the Chinese demo market (cn: CNY, Asia/Shanghai, Hangzhou's pickup stations), as the demo operator"
ORDERS_URL=http://127.0.0.1:3002 IDENTITY_URL=http://127.0.0.1:3006 node --import tsx services/orders/scripts/seed-markets.ts

step "loading demo data (farms, listings, lots), signed in through identity as the demo farmers"
CATALOG_URL=http://127.0.0.1:3001 IDENTITY_URL=http://127.0.0.1:3006 node --import tsx services/catalog/scripts/seed.ts

if [[ -d web ]]; then
  step "starting the web app"
  (cd web && CATALOG_URL=http://127.0.0.1:3001 ORDERS_URL=http://127.0.0.1:3002 LOGISTICS_URL=http://127.0.0.1:3003 \
    NOTIFICATIONS_URL=http://127.0.0.1:3004 IDENTITY_URL=http://127.0.0.1:3006 \
    pnpm_cmd exec vite --host 127.0.0.1 --port 5173 >>"$STATE/logs/web.log" 2>&1) &
  pids+=($!)
  echo "  web        http://127.0.0.1:5173"
fi

step "demo access tokens from identity (10 min; pnpm demo:tokens for fresh ones)"
IDENTITY_URL=http://127.0.0.1:3006 node --import tsx scripts/demo-tokens.ts
demo_password="$(node --import tsx -e "import('@ftt/kit/demo-users').then((m) => console.log(m.DEMO_PASSWORD))")"
demo_totp="$(node --import tsx -e "import('@ftt/kit/demo-users').then((m) => console.log(m.demoTotpUri(m.demoUsers.find((u) => u.totpKey))))")"
cat <<INFO

FieldToTable is running. Open the app:  http://127.0.0.1:5173
  Sign in on /signin with email and password. THIS IS A DEMO: the demo people are real accounts in identity, all
  with the password  $demo_password  (ben@, carla@, anna@, joost@, lena@, piet@ (Anna's packer), pia@, omar@,
  mei@ and wei@ (the Chinese demo market's cooperative), li@ (a buyer in Hangzhou), ada@demo.fieldtotable.test); the sign-in page fills them in with one click. Ada, the operator, has a second factor:
  the page fills its code in for the demo; an authenticator app takes $demo_totp
  The tokens above are for the APIs (Authorization: Bearer <token>).
APIs and tools:
  catalog    http://127.0.0.1:3001/docs   (API browser; /openapi.json)
  orders     http://127.0.0.1:3002/docs
  logistics  http://127.0.0.1:3003/docs
  notifications http://127.0.0.1:3004/docs
  ingest     http://127.0.0.1:3005/docs   (temperature loggers: pnpm simulate:cold-chain)
  identity   http://127.0.0.1:3006/docs   (accounts and access tokens; keys at /.well-known/jwks.json)
  mail inbox http://127.0.0.1:8025      (every email the system sends)
Press Ctrl-C to stop the services and the servers this run started (--keep-servers keeps the servers).
INFO
wait
