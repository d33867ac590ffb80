import express, { type Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { replayDeadLetters } from '../admin/replay.js';
import { HttpError } from '../http/http-errors.js';
import type { Store } from '../store/store.js';
import { renderStatusPage } from './status-page.js';
import type { CollectStatus } from '../collect/collect-guards.js';
import { statusSnapshot } from './status-snapshot.js';

export interface StatusDeps {
  store: Store;
  mode: string;
  workerEnabled: boolean;
  workerRunning: () => boolean;
  adminToken: string | undefined;
  now: () => number;
  onQueued: () => void;
  /** /collect's identity policy and refusal counts (issue 15); absent in tools that serve no /collect. */
  collect?: () => CollectStatus;
}

/** GET /status (HTML), GET /status.json, and the admin replay action (Bearer ADMIN_TOKEN; decisions.md 27). */
export function statusRouter(deps: StatusDeps): Router {
  const router = express.Router();
  const snapshot = () => statusSnapshot(deps.store, { mode: deps.mode, workerEnabled: deps.workerEnabled, workerRunning: deps.workerRunning(), collect: deps.collect?.() }, deps.now());
  router.get('/status', async (_req, res) => {
    res.type('html').send(renderStatusPage(await snapshot()));
  });
  router.get('/status.json', async (_req, res) => {
    res.json(await snapshot());
  });
  router.post('/admin/dead-letters/:id/replay', express.urlencoded({ extended: false, limit: 4096 }), async (req, res) => {
    const formToken = typeof req.body?.token === 'string' ? `Bearer ${req.body.token}` : undefined;
    requireAdmin(deps.adminToken, req.get('authorization') ?? formToken);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'dead letter id must be a positive integer');
    const result = await replayDeadLetters(deps.store, { ids: [id] }, deps.now());
    if (result.notReplayable.length > 0) throw new HttpError(409, `dead letter ${id} holds a webhook event that names nothing Centra has: there is nothing to replay`);
    if (result.replayed.length === 0) throw new HttpError(404, `dead letter ${id} does not exist or was already replayed`);
    deps.onQueued();
    if (formToken) res.redirect(303, `${req.baseUrl}/status`);
    else res.json(result);
  });
  return router;
}

function requireAdmin(token: string | undefined, header: string | undefined): void {
  if (!token) throw new HttpError(403, 'admin actions are disabled: set ADMIN_TOKEN to enable them');
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'admin action needs Authorization: Bearer <ADMIN_TOKEN>');
}
