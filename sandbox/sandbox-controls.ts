import express, { type Request, type Router } from 'express';
import type { CentraSimulator } from './centra-simulator/index.js';
import type { OmetriaRecorder } from './ometria-recorder/index.js';
import { cancelOrder, placeOrders, returnOrder, sendShopEvents, shipOrder, ShopActionError, toggleConsent, type ShopChange } from './shop-life.js';

/** How long the outage switches last, ms: long enough to see retries and alerts, short enough to watch recover. */
export const OUTAGE_MS = 30_000;

export interface SandboxControlsDeps {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  webhookSecret: string;
  webhookUrl: () => string;
  now?: () => number;
}

/** The landing page's last action, said once on the next render. */
export interface ControlsState {
  said?: { tone: 'ok' | 'error'; text: string };
  /** The order the buttons act on: the last one placed, or typed. */
  lastOrder?: number;
}

/** The form's `order` field, as sent (urlencoded forms carry strings). */
const orderField = (req: Request): unknown => (req.body as { order?: unknown } | undefined)?.order;

const orderNumberOf = (req: Request): number => {
  const number = Number(orderField(req));
  if (!Number.isSafeInteger(number) || number <= 0) throw new ShopActionError('Type an order number (a positive whole number).');
  return number;
};

/**
 * POST /sandbox/actions/<action>: a shop's life (place, ship, return, cancel, change consent) in the simulated
 * Centra, each followed by the signed webhook Centra would send, and fault switches for the remotes. Plain forms
 * that go back to the landing page; a cross-site form is refused (the sandbox listens on loopback, but any page
 * the developer opens could post to it).
 */
export function sandboxControls(deps: SandboxControlsDeps, state: ControlsState): Router {
  const now = deps.now ?? Date.now;
  const data = deps.centra.data;
  const send = async (change: ShopChange) => {
    const reply = await sendShopEvents(deps, change.events, now());
    if (reply.status >= 300)
      throw new ShopActionError(`${change.said} But the companion answered its webhook with ${reply.status}: ${reply.body.slice(0, 200)}`);
    return `${change.said} Centra sent the webhook (${change.events.map((e) => `${e.type} ${e.id}`).join(', ')}).`;
  };
  const actions: Record<string, (req: Request) => Promise<string>> = {
    'place-order': async () => {
      const change = placeOrders(data, 1, now());
      state.lastOrder = change.events[0]!.id;
      return send(change);
    },
    'place-orders': async () => send(placeOrders(data, 5, now())),
    ship: async (req) => send(shipOrder(data, orderNumberOf(req))),
    return: async (req) => send(returnOrder(data, orderNumberOf(req))),
    cancel: async (req) => send(cancelOrder(data, orderNumberOf(req))),
    consent: async (req) => send(toggleConsent(data, orderNumberOf(req))),
    'ometria-reject-next-order': async () => {
      const next = data.orders.values().reduce((max, o) => Math.max(max, o.number), 0) + 1;
      deps.ometria.faults.rejectIds('order', [String(next)]);
      return `Ometria will refuse order ${next} (the next one placed) with a 400 until you clear the faults: it lands in the dead letters on /status, where you can replay it.`;
    },
    'ometria-rate-limit': async () => {
      deps.ometria.faults.throttleUntil(now() + OUTAGE_MS);
      return `Ometria answers 429 with Retry-After for ${OUTAGE_MS / 1000} s: pushes wait and resume by themselves.`;
    },
    'centra-down': async () => {
      deps.centra.faults.downFor(OUTAGE_MS);
      return `Centra answers 503 for ${OUTAGE_MS / 1000} s: jobs are rescheduled with backoff and an alert is raised if it lasts.`;
    },
    'clear-faults': async () => {
      deps.ometria.faults.reset();
      deps.centra.faults.reset();
      return 'Centra and Ometria behave again.';
    },
  };
  const router = express.Router();
  router.post('/sandbox/actions/:action', express.urlencoded({ extended: false, limit: 1024 }), async (req, res) => {
    if (req.get('sec-fetch-site') === 'cross-site')
      return void res.status(403).type('text').send('refused: the sandbox takes its forms from its own pages only');
    const action = actions[String(req.params.action)];
    if (!action)
      return void res
        .status(404)
        .type('text')
        .send(`no sandbox action ${String(req.params.action)}`);
    try {
      state.said = { tone: 'ok', text: await action(req) };
      if (orderField(req) && !['place-order', 'place-orders'].includes(String(req.params.action))) state.lastOrder = Number(orderField(req));
    } catch (error) {
      if (!(error instanceof ShopActionError)) throw error;
      state.said = { tone: 'error', text: error.message };
    }
    res.redirect(303, '/#controls');
  });
  return router;
}
