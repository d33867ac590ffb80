import express, { type Router } from 'express';
import { escapeHtml } from '../server/status/html.js';
import { sendCentraWebhook, seedOrders, type CentraSimulator } from './centra-simulator/index.js';
import type { OmetriaRecorder } from './ometria-recorder/index.js';
import { storefrontRouter } from './storefront-route.js';
import { newsletterRouter } from './newsletter-route.js';

export interface SandboxRouterDeps {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  webhookSecret: string;
  /** The companion's own webhook URL, known once it listens. */
  webhookUrl: () => string;
}

const SANDBOX_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Sandbox-only pages: a landing page, "place orders" (simulated Centra sends the webhooks), what Ometria holds. */
export function sandboxRouter(deps: SandboxRouterDeps): Router {
  const router = express.Router();
  // The sandbox's pages run inline scripts (the demo storefront, "place orders"), which the service's strict CSP
  // (security-headers.ts) forbids; they exist only in the sandbox, on loopback. Framing stays refused.
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', SANDBOX_CSP);
    next();
  });
  router.get('/', (_req, res) => {
    res.type('html').send(landingPage(deps));
  });
  router.post('/sandbox/orders', express.json(), async (req, res) => {
    const count = Math.min(Math.max(Number((req.body as { count?: unknown } | undefined)?.count ?? 5) || 5, 1), 500);
    const { first, last } = seedOrders(deps.centra.data, { count, seed: Date.now() % 100_000 });
    const ids = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const events = ids.map((id) => ({ type: 'order', action: 'create', date: new Date().toISOString().replace('T', ' ').slice(0, 26), id }));
    const reply = await sendCentraWebhook({ url: deps.webhookUrl(), secret: deps.webhookSecret, payload: { events } });
    res.json({ orders: ids, webhook: reply.status });
  });
  // The demo storefront; its store id is the sandbox's OMETRIA_STORE_MAP market 1 (main.ts).
  router.use(storefrontRouter(deps.centra.data, 'sandbox.example.com/uk'));
  router.use(newsletterRouter(deps.centra.data));
  router.get('/sandbox/ometria', (_req, res) => {
    const summary = (type: 'order' | 'contact' | 'product' | 'custom_event') => ({ count: deps.ometria.store.all(type).length, latest: deps.ometria.store.all(type).slice(-5) });
    res.json({ orders: summary('order'), contacts: summary('contact'), products: summary('product'), customEvents: summary('custom_event'), pushErrors: deps.ometria.errors.list() });
  });
  return router;
}

function landingPage(deps: SandboxRouterDeps): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>centra-ometria sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:760px}code{background:#f3f3f3;padding:0 .3em}</style></head><body>
<h1>centra-ometria sandbox</h1>
<p>No credentials were set, so this companion runs against an in-process <b>Centra simulator</b> (${escapeHtml(deps.centra.url)})
and an <b>Ometria recorder</b> (${escapeHtml(deps.ometria.baseUrl)}). Nothing leaves this machine.</p>
<form method="post" action="/sandbox/orders" onsubmit="event.preventDefault();fetch(this.action,{method:'POST',headers:{'content-type':'application/json'},body:'{&quot;count&quot;:5}'}).then(()=>location.href='/status')">
<button>Place 5 orders in Centra</button></form>
<ul><li><a href="/status">/status</a>: deliveries, jobs, pushes, dead letters, alerts</li>
<li><a href="/sandbox/ometria">/sandbox/ometria</a>: what Ometria received</li>
<li><a href="/sandbox/newsletter">/sandbox/newsletter</a>: newsletter subscriptions in Centra; <code>POST</code> <code>{"email":…}</code> signs up, <code>POST /sandbox/newsletter/&lt;id&gt;/deactivate</code> unsubscribes (seen on the next newsletter poll)</li>
<li><a href="/storefront">/storefront</a>: a demo storefront with the tracker (product views, basket, log-in)</li>
<li>Webhook endpoint: <code>POST /webhooks/centra</code> (secret <code>${escapeHtml(deps.webhookSecret)}</code>)</li></ul>
</body></html>`;
}
