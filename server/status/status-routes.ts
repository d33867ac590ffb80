import express, { type Router } from 'express';
import type { AccessPolicy } from '../access/access-policy.js';
import { formCsrf, grantOf, type OperationsGate } from '../access/operations-gate.js';
import { replayDeadLetters } from '../admin/replay.js';
import { HttpError } from '../http/http-errors.js';
import type { Store } from '../store/store.js';
import { renderStatusPage } from './status-page.js';
import type { CollectStatus } from '../collect/collect-guards.js';
import { statusSnapshot } from './status-snapshot.js';
import type { SettledHours } from './activity-series.js';
import { lookupEntity } from './entity-lookup.js';
import { pageNotice, replayNoticeQuery } from './page-notice.js';

export interface StatusDeps {
  store: Store;
  mode: string;
  workerEnabled: boolean;
  workerRunning: () => boolean;
  /** Who may see the pages and act (access-policy.ts), and the gates that enforce it. */
  access: AccessPolicy;
  gate: OperationsGate;
  now: () => number;
  onQueued: () => void;
  /** /collect's identity policy and refusal counts (issue 15); absent in tools that serve no /collect. */
  collect?: () => CollectStatus;
}

/**
 * GET /status (HTML), GET /status.json, and the admin replay action. In production each needs ADMIN_TOKEN (a
 * bearer, or the login form's session cookie plus the form's CSRF token for the replay); issue 15, item 3.
 */
export function statusRouter(deps: StatusDeps): Router {
  const router = express.Router();
  const settledHours: SettledHours = new Map();
  const snapshot = () =>
    statusSnapshot(
      deps.store,
      { mode: deps.mode, workerEnabled: deps.workerEnabled, workerRunning: deps.workerRunning(), collect: deps.collect?.(), settledHours },
      deps.now(),
    );
  router.get('/status', deps.gate.page, async (req, res) => {
    const query = typeof req.query.q === 'string' && req.query.q.trim() !== '' ? req.query.q : undefined;
    res.type('html').send(
      renderStatusPage(await snapshot(), {
        baseUrl: req.baseUrl,
        csrf: formCsrf(deps.access, res),
        loggedIn: grantOf(res)?.by === 'session',
        lookup: query === undefined ? undefined : await lookupEntity(deps.store, query),
        notice: pageNotice(req.query),
      }),
    );
  });
  router.get('/status/lookup.json', deps.gate.api, async (req, res) => {
    if (typeof req.query.q !== 'string' || req.query.q.trim() === '')
      throw new HttpError(400, 'add ?q=<order number, customer id or email> to look something up');
    res.json(await lookupEntity(deps.store, req.query.q));
  });
  router.get('/status.json', deps.gate.api, async (_req, res) => {
    res.json(await snapshot());
  });
  router.post('/admin/dead-letters/:id/replay', express.urlencoded({ extended: false, limit: 4096 }), deps.gate.action, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'dead letter id must be a positive integer');
    const result = await replayDeadLetters(deps.store, { ids: [id] }, deps.now());
    const outcome = result.notReplayable.length > 0 ? 'not-replayable' : result.replayed.length === 0 ? 'missing' : 'replayed';
    if (outcome === 'replayed') deps.onQueued();
    // The dashboard's form goes back to the dashboard, which says what happened; an API client (bearer) gets the
    // result or the error.
    if (grantOf(res)?.by !== 'bearer') return void res.redirect(303, `${req.baseUrl}/status?${replayNoticeQuery(outcome, id)}#dead-letters`);
    if (outcome === 'not-replayable')
      throw new HttpError(409, `dead letter ${id} holds a webhook event that names nothing Centra has: there is nothing to replay`);
    if (outcome === 'missing') throw new HttpError(404, `dead letter ${id} does not exist or was already replayed`);
    res.json(result);
  });
  return router;
}
