#!/usr/bin/env bash
# Stops the native servers started by scripts/servers-up.sh.
#
# Usage: scripts/servers-down.sh [kafka|mongo|stripe|mail ...]     (no argument = all four)
#
# Only processes recorded in the pid files under $FTT_STATE_DIR/run are stopped: SIGTERM, then
# SIGKILL after a grace period (Kafka 30 s: its clean shutdown flushes logs and spares the next
# start a log recovery; others 10 s). Data is kept, so a later servers-up.sh resumes with it.
# Exits non-zero if a port is still in use afterwards.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR/..
# shellcheck source=deploy/native/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/native/lib.sh"

KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
OTHER_STOP_TIMEOUT="${OTHER_STOP_TIMEOUT:-10}"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
ftt_requested_servers usage "$@"

ftt_lock
failed=0
for name in "${FTT_REQUESTED[@]}"; do
  if [[ "$name" == kafka ]]; then
    grace="$KAFKA_STOP_TIMEOUT"
  else
    grace="$OTHER_STOP_TIMEOUT"
  fi
  ftt_stop_server "$name" "$grace" || failed=1
done
exit "$failed"
