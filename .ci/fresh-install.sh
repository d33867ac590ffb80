#!/usr/bin/env bash
# Checks that a clean clone of the checked-out commit runs with production dependencies only (issue 16,
# docs/design.md D35): `npm ci --omit=dev` builds dist/ and `npm start` brings the sandbox to ready. Fails when the
# install fails, the service exits, or it is not ready within READY_TIMEOUT_S; prints the service's log then.
set -euo pipefail

READY_TIMEOUT_S=60
READY_LINE='centra-ometria is ready'

log() { echo "fresh-install.sh: $*" >&2; }

COMMIT="$(git rev-parse HEAD)"
WORK="$(mktemp -d)"
SERVICE_PID=
cleanup() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    # its own process group (setsid below): npm, its shell and node stop together
    kill -TERM -- "-$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log "cloning $COMMIT into $WORK"
git clone --quiet --no-checkout "$PWD" "$WORK/clone"
git -C "$WORK/clone" checkout --quiet --detach "$COMMIT"
cd "$WORK/clone"

log "npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund >"$WORK/install.log" 2>&1 || {
  cat "$WORK/install.log" >&2
  log "FAILED: npm ci --omit=dev in a clean clone; a package the install-time build needs is in devDependencies?"
  exit 1
}

# Port 0: the kernel picks a free port, so a service left running elsewhere on the machine cannot fail this step.
log "npm start (sandbox), waiting up to ${READY_TIMEOUT_S}s for ready"
PORT=0 setsid npm start >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 $((READY_TIMEOUT_S * 2))); do
  if grep -q "$READY_LINE" "$WORK/service.log"; then
    log "ready: $(grep -m 1 "$READY_LINE" "$WORK/service.log")"
    exit 0
  fi
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then break; fi
  sleep 0.5
done
cat "$WORK/service.log" >&2
log "FAILED: the sandbox from a clean clone installed with --omit=dev did not log '$READY_LINE' (see its log above)"
exit 1
