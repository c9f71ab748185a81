# Shared by scripts/test.sh and scripts/dev.sh: a pinned pnpm without a global install, and the install step.
PNPM_VERSION=12.4.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Each step says how long the script has been running, so a slow step shows in any log.
step() { printf '\n\033[1m==> %s\033[0m  (%d:%02d)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

pnpm_cmd() {
  if command -v pnpm >/dev/null && [[ "$(pnpm --version 2>/dev/null)" == "$PNPM_VERSION" ]]; then
    pnpm "$@"
  else
    npx --yes "pnpm@$PNPM_VERSION" "$@"
  fi
}

install_deps() {
  command -v node >/dev/null || { echo "node is missing: install Node.js 20.19+ or 22" >&2; exit 1; }
  step "installing dependencies (pnpm $PNPM_VERSION, frozen lockfile)"
  (cd "$ROOT" && pnpm_cmd install --frozen-lockfile --reporter=append-only)
}
