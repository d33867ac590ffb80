import express, { type Router } from 'express';
import { escapeHtml } from '../server/status/html.js';
import type { CentraSimulator } from './centra-simulator/index.js';
import type { OmetriaRecorder } from './ometria-recorder/index.js';
import { storefrontRouter } from './storefront-route.js';
import { newsletterRouter } from './newsletter-route.js';
import { placeOrders, sendShopEvents } from './shop-life.js';
import { isViewType, ometriaView } from './ometria-view.js';
import { OUTAGE_MS, sandboxControls, type ControlsState } from './sandbox-controls.js';

export interface SandboxRouterDeps {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  webhookSecret: string;
  /** The companion's own webhook URL, known once it listens. */
  webhookUrl: () => string;
}

const SANDBOX_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Sandbox-only pages: a landing page, "place orders" (simulated Centra sends the webhooks), what Ometria holds. */
export function sandboxRouter(deps: SandboxRouterDeps): Router {
  const router = express.Router();
  // The sandbox's pages run inline scripts (the demo storefront, "place orders"), which the service's strict CSP
  // (security-headers.ts) forbids; they exist only in the sandbox, on loopback. Framing stays refused.
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', SANDBOX_CSP);
    next();
  });
  const controls: ControlsState = {};
  router.get('/', (_req, res) => {
    res.type('html').send(landingPage(deps, controls));
    controls.said = undefined;
  });
  router.use(sandboxControls(deps, controls));
  router.post('/sandbox/orders', express.json(), async (req, res) => {
    const count = Math.min(Math.max(Number((req.body as { count?: unknown } | undefined)?.count ?? 5) || 5, 1), 500);
    // Dated in the last minutes, so a 7-day reconciliation sees them.
    const { events } = placeOrders(deps.centra.data, count, Date.now());
    const reply = await sendShopEvents(deps, events, Date.now());
    res.json({ orders: events.map((e) => e.id), webhook: reply.status });
  });
  // The demo storefront; its store id is the sandbox's OMETRIA_STORE_MAP market 1 (main.ts).
  router.use(storefrontRouter(deps.centra.data, 'sandbox.example.com/uk'));
  router.use(newsletterRouter(deps.centra.data));
  router.get('/sandbox/ometria', (req, res) => {
    res.type('html').send(ometriaView(deps.ometria, isViewType(req.query.type) ? req.query.type : undefined));
  });
  router.get('/sandbox/ometria.json', (_req, res) => {
    const summary = (type: 'order' | 'contact' | 'product' | 'custom_event') => ({
      count: deps.ometria.store.all(type).length,
      latest: deps.ometria.store.all(type).slice(-5),
    });
    res.json({
      orders: summary('order'),
      contacts: summary('contact'),
      products: summary('product'),
      customEvents: summary('custom_event'),
      pushErrors: deps.ometria.errors.list(),
    });
  });
  return router;
}

/** A form posting one sandbox action; `order` adds the order-number field the action needs. */
const actionButton = (action: string, label: string, order?: number) =>
  `<form method="post" action="/sandbox/actions/${action}">${order === undefined ? '' : `<input type="hidden" name="order" value="${order}">`}<button>${escapeHtml(label)}</button></form>`;

function controlsPanel(state: ControlsState): string {
  const said = state.said ? `<p class="said ${state.said.tone}" role="status">${escapeHtml(state.said.text)}</p>` : '';
  const order = state.lastOrder;
  const life =
    order === undefined
      ? '<p>Place an order, then walk it through its life here.</p>'
      : `<p>Order <b id="current-order">${order}</b>:</p><div class="row">${actionButton('ship', 'Ship', order)}${actionButton('return', 'Return', order)}${actionButton('cancel', 'Cancel', order)}${actionButton('consent', "Change the customer's consent", order)}</div>`;
  return `<section id="controls"><h2>Play a shop's life</h2>${said}
<div class="row">${actionButton('place-order', 'Place an order')}${actionButton('place-orders', 'Place 5 orders')}</div>
${life}
<form method="post" action="/sandbox/actions/ship" class="row"><label>Or act on order <input name="order" size="6" inputmode="numeric"></label> <button formaction="/sandbox/actions/ship">Ship</button><button formaction="/sandbox/actions/return">Return</button><button formaction="/sandbox/actions/cancel">Cancel</button><button formaction="/sandbox/actions/consent">Consent</button></form>
<h3>Make something fail</h3>
<div class="row">${actionButton('ometria-reject-next-order', 'Make Ometria reject the next order')}${actionButton('ometria-rate-limit', `Rate-limit Ometria for ${OUTAGE_MS / 1000} s`)}${actionButton('centra-down', `Take Centra down for ${OUTAGE_MS / 1000} s`)}${actionButton('clear-faults', 'Clear faults')}</div>
<p>Then watch <a href="/status">/status</a>: dead letters, alerts, retries, and replay.</p></section>`;
}

function landingPage(deps: SandboxRouterDeps, state: ControlsState): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>centra-ometria sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:760px}code{background:#f3f3f3;padding:0 .3em}.row{display:flex;gap:.5rem;flex-wrap:wrap;margin:.4rem 0}.row form{margin:0}.said{padding:.5rem .8rem;border-radius:6px}.said.ok{background:#eef8ee}.said.error{background:#fbeaea;color:#b00}section{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}</style></head><body>
<h1>centra-ometria sandbox</h1>
<p>No credentials were set, so this companion runs against an in-process <b>Centra simulator</b> (${escapeHtml(deps.centra.url)})
and an <b>Ometria recorder</b> (${escapeHtml(deps.ometria.baseUrl)}). Nothing leaves this machine.</p>
${controlsPanel(state)}
<ul><li><a href="/status">/status</a>: deliveries, jobs, pushes, dead letters, alerts</li>
<li><a href="/sandbox/ometria">/sandbox/ometria</a>: what Ometria received (filter by type, open any record; <a href="/sandbox/ometria.json">JSON</a>)</li>
<li><a href="/sandbox/newsletter">/sandbox/newsletter</a>: newsletter subscriptions in Centra; <code>POST</code> <code>{"email":…}</code> signs up, <code>POST /sandbox/newsletter/&lt;id&gt;/deactivate</code> unsubscribes (seen on the next newsletter poll)</li>
<li><a href="/storefront">/storefront</a>: a demo storefront with the tracker (product views, basket, log-in)</li>
<li>Webhook endpoint: <code>POST /webhooks/centra</code> (secret <code>${escapeHtml(deps.webhookSecret)}</code>)</li></ul>
</body></html>`;
}
