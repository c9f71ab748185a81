#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit, integration and end-to-end, against real Kafka, the database server
# and stripe-mock (started natively unless KAFKA_BROKERS, MONGO_URL and STRIPE_API_BASE are given).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

install_deps
if [[ -z "${KAFKA_BROKERS:-}" || -z "${MONGO_URL:-}" || -z "${STRIPE_API_BASE:-}" ]]; then
  step "starting Kafka, the database server and stripe-mock (the first run on a machine downloads and builds them)"
  bash scripts/servers-up.sh
fi
# Browser tests drive Debian's Chromium (no browser download); hostile-input tests run Schemathesis from PyPI.
if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null; then
  step "installing Chromium for the browser tests (Debian package)"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: sudo apt-get install chromium (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
step "preparing Schemathesis (Python venv in .local/venv, first run only)"
bash scripts/schemathesis.sh --install
step "typecheck"
pnpm_cmd exec tsc -p tsconfig.json --noEmit
pnpm_cmd --filter @ftt/web typecheck
step "lint"
pnpm_cmd exec eslint . --max-warnings=0
mkdir -p test-results
status=0
step "unit and integration tests"
pnpm_cmd exec vitest run --project unit --project integration \
  --reporter=default --reporter=json --outputFile.json=test-results/unit-int.json || status=1
# End-to-end tests stop and restart servers and kill services: they run alone, after the rest.
# The crash and scale-out passes run 500 orders each (about 6 and 5 minutes here); CHAOS_ORDERS=60 shortens them.
export CHAOS_ORDERS="${CHAOS_ORDERS:-500}"
step "end-to-end tests"
pnpm_cmd exec vitest run --project e2e --passWithNoTests \
  --reporter=default --reporter=json --outputFile.json=test-results/e2e.json || status=1
node scripts/summarize-tests.mjs test-results/unit-int.json test-results/e2e.json || status=1
exit $status
