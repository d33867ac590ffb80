import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { parseTrackerBatch } from '../../shared/schemas/tracker-events.js';
import { HttpError } from '../http/http-errors.js';
import { isStorageUnavailable } from '../http/storage-errors.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';
import { acceptTrackerBatch, sweepTrackerEvents, type HoldLimits } from './accept-tracker-batch.js';
import { clientKey, createClientRateLimit } from './client-rate-limit.js';
import type { CollectCounters } from './collect-counters.js';
import { originAllowed, setCorsHeaders } from './collect-cors.js';
import type { DiskGuard } from './disk-guard.js';
import { screenTrackerBatch, type ScreenDeps } from './screen-tracker-batch.js';
import { trackerScriptRouter } from './tracker-script-route.js';

export interface CollectRouterDeps extends HoldLimits, ScreenDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  wakeWorker: () => void;
  /** TRACKER_ALLOWED_ORIGINS; the companion's own origin is always allowed. */
  allowedOrigins: readonly string[];
  /** COLLECT_MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** COLLECT_RATE_PER_MINUTE, requests per client IP (IPv6: per /64). */
  ratePerMinute: number;
  /** MIN_FREE_DISK_MB under DATA_DIR. */
  disk: DiskGuard;
  counters: CollectCounters;
  /** Counts the valid events of each stored batch by type (events_total{source="tracker"}). */
  metrics: Metrics;
  /** dist/tracker.js by default (tests point elsewhere). */
  trackerScriptPath?: string;
}

/** Held events are expired and old ids forgotten at most this often, ms. */
const SWEEP_EVERY_MS = 60_000;

/**
 * POST /collect (issue 6, issue 15) and GET /tracker.js. Checks in order: 403 origin, 429 rate per client address,
 * 503 disk (MIN_FREE_DISK_MB), 415 content type, 413 size, 400 JSON or envelope, 400 store, 413 an event too large
 * for Ometria; each event is then checked alone (schema, URLs, identity token) and the valid ones are stored before
 * the 200 `{accepted, duplicates, rejected: [{index, id, reason}]}`. Every /collect response carries CORS headers.
 */
export function collectRouter(deps: CollectRouterDeps): Router {
  const router = express.Router();
  const limited = createClientRateLimit(deps.ratePerMinute);
  let lastSweep = 0;
  router.use(trackerScriptRouter(deps.trackerScriptPath));
  router.use('/collect', (req, res, next) => {
    setCorsHeaders(req, res);
    if (!originAllowed(req, deps.allowedOrigins))
      throw new HttpError(403, `origin ${req.get('origin') ?? '(none)'} may not post tracker events; add it to TRACKER_ALLOWED_ORIGINS`);
    next();
  });
  router.options('/collect', (_req, res) => void res.status(204).end());
  const guard = async (req: Request, _res: Response, next: NextFunction) => {
    const wait = limited(clientKey(req.ip), deps.now());
    if (wait > 0) {
      deps.counters.count('rate');
      throw new HttpError(429, `more than ${deps.ratePerMinute} requests a minute from this client`, { 'Retry-After': String(wait) });
    }
    if (!(await deps.disk.hasRoom())) {
      deps.counters.count('disk');
      throw new HttpError(503, 'storefront events are paused: free disk space is below MIN_FREE_DISK_MB; retry later', { 'Retry-After': '60' });
    }
    if (req.get('content-length') !== '0' && req.is(['text/plain', 'application/json']) === false) {
      throw new HttpError(415, 'Content-Type must be text/plain or application/json');
    }
    next();
  };
  router.post('/collect', guard, express.text({ type: () => true, limit: deps.maxBodyBytes, defaultCharset: 'utf-8' }), async (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch {
      throw new HttpError(400, 'body is not valid JSON');
    }
    const parsed = parseTrackerBatch(body);
    if (!parsed.ok) throw new HttpError(400, `not a tracker batch: ${parsed.issues.slice(0, 5).join('; ')}`);
    const now = deps.now();
    const screened = await screenTrackerBatch(parsed.batch, parsed.events, parsed.positions, deps, now);
    let result;
    try {
      result = await acceptTrackerBatch(deps.store, parsed.batch, screened.events, deps, now);
    } catch (error) {
      if (!isStorageUnavailable(error)) throw error;
      deps.logger.error({ err: error }, 'tracker events could not be stored; answering 503 so the tracker retries');
      throw new HttpError(503, 'events could not be stored (storage unavailable); retry later', { 'Retry-After': '30' });
    }
    if (result.queued) deps.wakeWorker();
    countEvents(deps.metrics, screened.events);
    const rejected = [...parsed.rejected, ...screened.rejected]
      .sort((a, b) => a.index - b.index)
      .map((r) => ({ index: r.index, id: r.id, reason: r.issues.join('; ') }));
    if (rejected.length || result.dropped)
      deps.logger.info({ visitor: parsed.batch.visitorId, rejected: rejected.length, dropped: result.dropped }, 'tracker batch partly refused');
    res.json({ accepted: result.accepted, duplicates: result.duplicates, rejected });
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      try {
        const swept = await sweepTrackerEvents(deps.store, deps.holdMs, now);
        if (swept.expired) deps.logger.info(swept, 'held tracker events of visitors who never identified expired');
      } catch (error) {
        deps.logger.warn({ err: error }, 'could not sweep tracker events; trying again on a later request');
      }
    }
  });
  return router;
}

/** The tracker's event types are a closed list (the batch schema refuses others): the label set stays small. */
function countEvents(metrics: Metrics, events: ReadonlyArray<{ type: string }>): void {
  const byType = new Map<string, number>();
  for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  for (const [type, n] of byType) metrics.eventsReceived('tracker', type, n);
}
