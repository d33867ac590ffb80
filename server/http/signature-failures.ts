import { alertFingerprint, catalogueAlert } from '../alerts/alert-catalogue.js';
import type { Alerter } from '../alerts/alerter.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { SIGNATURE_FAILURES, type SignatureFailure } from './verify-signature.js';

/** The window SIGNATURE_FAILURE_ALERT counts over, ms (issue 15: "more than 5 in 10 minutes"). */
export const SIGNATURE_WINDOW_MS = 600_000;
const BUCKET_MS = 60_000;
/** While the alert is open it is updated (count, latest reason) at most this often: a flood is not a write storm. */
const REFRESH_MS = 10_000;

export interface SignatureFailureDeps {
  alerter: Alerter;
  logger: Logger;
  now: () => number;
  /** SIGNATURE_FAILURE_ALERT: more refusals than this within 10 minutes raise the alert. */
  threshold: number;
  /** Counts refusals by reason (webhook_signature_failures_total). */
  metrics: Metrics;
}

/**
 * Webhook deliveries refused for their signature: each is logged (reason, size and client address, never the
 * body), counted by reason on /metrics, and more than `threshold` within 10 minutes
 * raise one alert. It resolves on the next accepted delivery once the window holds no more than `threshold`:
 * a delivery Centra signed correctly is the proof the secret and the clocks agree again.
 */
export function createSignatureFailureWatch(deps: SignatureFailureDeps) {
  // Every reason from zero: a series that appears at its first refusal hides that refusal from rate().
  for (const reason of SIGNATURE_FAILURES) deps.metrics.signatureRefused(reason, 0);
  // Per-minute counts of the last 10 minutes: bounded memory whatever the rate.
  let buckets: Array<{ minute: number; n: number }> = [];
  // Unknown at start (the alert may be open from before a restart): the first good delivery resolves it if so.
  let alertOpen = true;
  let refreshedAt = 0;

  const inWindow = (now: number): number => {
    const oldest = Math.floor((now - SIGNATURE_WINDOW_MS) / BUCKET_MS);
    buckets = buckets.filter((b) => b.minute > oldest);
    return buckets.reduce((sum, b) => sum + b.n, 0);
  };

  return {
    async refused(code: SignatureFailure, reason: string, request: { ip: string | undefined; bytes: number }): Promise<void> {
      const now = deps.now();
      deps.metrics.signatureRefused(code);
      const minute = Math.floor(now / BUCKET_MS);
      const last = buckets.at(-1);
      if (last?.minute === minute) last.n++;
      else buckets.push({ minute, n: 1 });
      const count = inWindow(now);
      deps.logger.warn({ reason: code, ip: request.ip, bytes: request.bytes, lastTenMinutes: count }, `webhook refused (401): ${reason}`);
      if (count <= deps.threshold || (alertOpen && now - refreshedAt < REFRESH_MS)) return;
      alertOpen = true;
      refreshedAt = now;
      await safely(deps.logger, () => deps.alerter.raise(catalogueAlert('webhook_signature_failures', { count, reason, code })));
    },
    /** A delivery passed the signature check. */
    async accepted(): Promise<void> {
      if (!alertOpen || inWindow(deps.now()) > deps.threshold) return;
      alertOpen = false;
      await safely(deps.logger, () => deps.alerter.resolve(alertFingerprint('webhook_signature_failures')));
    },
  };
}

/** The answer (401, or the delivery's own) never depends on the alert store: a full disk must not turn it into a 500. */
async function safely(logger: Logger, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.warn({ err: error }, 'could not record the webhook signature alert');
  }
}

export type SignatureFailureWatch = ReturnType<typeof createSignatureFailureWatch>;
