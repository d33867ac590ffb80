import express, { type Request, type Response, type Router } from 'express';
import { catalogueAlert } from '../alerts/alert-catalogue.js';
import type { Alerter } from '../alerts/alerter.js';
import type { IntakeWriter } from '../intake/intake-writer.js';
import type { Logger } from '../log/logger.js';
import { ROUTED_EVENT_TYPES } from '../intake/event-routing.js';
import type { Metrics } from '../metrics/metrics.js';
import { HttpError } from './http-errors.js';
import { parseDelivery } from './parse-delivery.js';
import { isStorageUnavailable } from './storage-errors.js';
import type { SignatureFailureWatch } from './signature-failures.js';
import { verifyCentraSignature } from './verify-signature.js';
import { webhookOutcome } from './webhook-outcome.js';

export interface WebhookRouteDeps {
  intake: IntakeWriter;
  logger: Logger;
  alerter: Alerter;
  secret: string;
  toleranceSeconds: number;
  maxBodyBytes: number;
  now: () => number;
  /** Logs, counts and alerts on refused signatures (signature-failures.ts). */
  signatureFailures: SignatureFailureWatch;
  /** Wakes the worker: the ack never waits for it. */
  onQueued: () => void;
  /** Counts each delivery by outcome, times the ack, counts events by type and dead-lettered events. */
  metrics: Metrics;
}

/**
 * POST /webhooks/centra. Checks in the order of docs/design.md D17: 415 content type, 413 size, 401 signature,
 * 400 body; then the delivery is committed to disk before the 200. A delivery whose signature was accepted before
 * is answered 200 again without being stored twice; a refused signature is logged, counted and may alert.
 */
export function webhookRouter(deps: WebhookRouteDeps): Router {
  const router = express.Router();
  const requireForm = (req: Request, _res: Response, next: (err?: unknown) => void) =>
    req.is('application/x-www-form-urlencoded')
      ? next()
      : next(new HttpError(415, 'Content-Type must be application/x-www-form-urlencoded (Centra Webhook plugin format)'));
  const rawBody = express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true });
  // First, so a delivery refused by any check (415, 413, 401, 400) or by the store (503) is counted too.
  const observe = (_req: Request, res: Response, next: () => void) => {
    const started = performance.now();
    res.on('finish', () => {
      deps.metrics.webhookReceived(webhookOutcome(res.statusCode, res.locals.replayed === true));
      if (res.statusCode === 200) deps.metrics.ackSeconds((performance.now() - started) / 1000);
    });
    next();
  };

  router.post('/webhooks/centra', observe, requireForm, rawBody, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = deps.now();
    const check = verifyCentraSignature(body, req.get('x-centra-signature'), deps.secret, deps.toleranceSeconds, Math.floor(now / 1000));
    if (!check.ok) {
      await deps.signatureFailures.refused(check.code, check.reason, { ip: req.ip, bytes: body.length });
      throw new HttpError(401, check.reason);
    }
    await deps.signatureFailures.accepted();
    const parsed = parseDelivery(body);
    let accepted;
    // A signature seen before (same t, v1 and so body) is a replay: acknowledged, not stored again (issue 15).
    const signature = { key: check.key, forgetBeforeT: Math.floor(now / 1000) - deps.toleranceSeconds };
    try {
      accepted = await deps.intake.write({ parsed, rawBody: body, signatureT: check.t, signature }, now);
    } catch (error) {
      if (!isStorageUnavailable(error)) throw error;
      deps.logger.error({ err: error }, 'webhook delivery could not be stored; answering 503 so Centra retries');
      throw new HttpError(503, 'delivery could not be stored (storage unavailable); retry later', { 'Retry-After': '60' });
    }
    if (accepted.replayed) {
      deps.logger.info({ delivery: accepted.deliveryId }, 'webhook delivery replayed with a signature already accepted: acknowledged, not stored again');
      res.locals.replayed = true;
      res.status(200).json({ ok: true, delivery: accepted.deliveryId, replayed: true, events: accepted.counts });
      return;
    }
    countEvents(deps.metrics, parsed.events, accepted.rejected);
    for (const r of accepted.rejected) {
      deps.metrics.deadLettered('webhook_event');
      await deps.alerter.raise(catalogueAlert('webhook_event_rejected', { ...r, deliveryId: accepted.deliveryId }));
    }
    if (accepted.counts.queued > 0) deps.onQueued();
    res.status(200).json({ ok: true, delivery: accepted.deliveryId, events: accepted.counts });
  });
  return router;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(ROUTED_EVENT_TYPES);

/**
 * Events intake took (all but those it dead-lettered) by type; a type no handler knows is counted as `other`, so
 * Centra's wording cannot grow the label set.
 */
function countEvents(metrics: Metrics, events: ReadonlyArray<{ type: string }>, rejected: ReadonlyArray<{ type: string }>): void {
  const byType = new Map<string, number>();
  const add = (type: string, n: number) => {
    const label = KNOWN_TYPES.has(type) ? type : 'other';
    byType.set(label, (byType.get(label) ?? 0) + n);
  };
  for (const e of events) add(e.type, 1);
  for (const r of rejected) add(r.type, -1);
  for (const [type, n] of byType) if (n > 0) metrics.eventsReceived('centra', type, n);
}
