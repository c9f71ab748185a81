# Shared by scripts/test.sh and scripts/dev.sh: a pinned pnpm without a global install, and the install step.
PNPM_VERSION=12.4.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Each step says how long the script has been running, so a slow step shows in any log, and how busy the machine's
# cores were since the step before (from /proc/stat, all processes): a slow step on idle cores waits on something;
# on busy ones it needs less work or fewer things at once.
_step_cpu=""
cpu_ticks() { awk '/^cpu /{ idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total, idle }' /proc/stat 2>/dev/null; }
step() {
  local now busy=""
  now="$(cpu_ticks)"
  if [[ -n "$_step_cpu" && -n "$now" ]]; then
    # shellcheck disable=SC2086 # two numbers each
    # (an `if`, not `&&`: two steps within one clock tick must not end a `set -e` script)
    busy="$(set -- $_step_cpu $now; if (($3 > $1)); then echo "; cores $(((100 * (($3 - $1) - ($4 - $2))) / ($3 - $1))) % busy since the last step"; fi)"
  fi
  _step_cpu="$now"
  printf '\n\033[1m==> %s\033[0m  (%d:%02d%s)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)) "$busy"
}

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
