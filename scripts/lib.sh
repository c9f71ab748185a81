# Shared by scripts/test.sh and scripts/dev.sh: a pinned pnpm without a global install, and the install step.
PNPM_VERSION=12.4.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

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
