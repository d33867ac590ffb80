import { encodeWebhookBody, signCentraWebhook } from './centra-simulator/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The demo scenario against a running sandbox: orders are placed in Centra, their webhooks arrive
 * (one twice, as Centra does), and we watch Ometria fill up. Returns whether every order arrived.
 */
export async function runDemo(baseUrl: string, print: (line: string) => void): Promise<boolean> {
  print(`centra-ometria demo against the sandbox at ${baseUrl}`);
  const placed = (await (
    await fetch(`${baseUrl}/sandbox/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 12 }) })
  ).json()) as { orders: number[]; webhook: number };
  print(`1. Centra: 12 orders placed (${placed.orders[0]}–${placed.orders.at(-1)}); their webhook was acknowledged with ${placed.webhook}.`);

  const body = encodeWebhookBody({ events: [{ type: 'order', action: 'update', date: '2024-06-03 16:00:00.000000', id: placed.orders[0] }] });
  const t = Math.floor(Date.now() / 1000);
  const dup = await fetch(`${baseUrl}/webhooks/centra`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': signCentraWebhook(body, 'sandbox-secret', t) },
    body,
  });
  print(`2. Centra resends the webhook of order ${placed.orders[0]} (a duplicate): ${dup.status}.`);
  const replay = await fetch(`${baseUrl}/webhooks/centra`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': signCentraWebhook(body, 'sandbox-secret', t) },
    body,
  });
  const replayed = (await replay.json()) as { replayed?: boolean };
  print(`   The very same signed delivery again (a replay): ${replay.status}${replayed.replayed ? ', acknowledged and not stored twice' : ''}.`);
  const forged = await fetch(`${baseUrl}/webhooks/centra`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': `t=${t},v1=${'0'.repeat(64)}` },
    body,
  });
  print(`3. A forged delivery is refused: ${forged.status} ${JSON.stringify(await forged.json())}.`);

  type Seen = {
    orders: { count: number; latest: Array<{ id: string; status: string; grand_total: number; currency: string; lineitems: unknown[] }> };
    contacts: { count: number };
  };
  let ometria: Seen = { orders: { count: 0, latest: [] }, contacts: { count: 0 } };
  for (let i = 0; i < 60 && ometria.orders.count < placed.orders.length; i++) {
    await sleep(500);
    ometria = (await (await fetch(`${baseUrl}/sandbox/ometria.json`)).json()) as Seen;
  }
  print(`4. Ometria holds ${ometria.orders.count} orders and ${ometria.contacts.count} contacts. Latest:`);
  for (const o of ometria.orders.latest) print(`   order ${o.id}: ${o.status}, ${o.grand_total} ${o.currency}, ${o.lineitems.length} line(s)`);
  const status = (await (await fetch(`${baseUrl}/status.json`)).json()) as { pushes: Array<{ type: string; records: number }> };
  print(`5. Pushes to Ometria: ${status.pushes.map((p) => `${p.records} ${p.type}`).join(', ')} (contacts go first; duplicates are not re-sent).`);
  print(`Dashboard: ${baseUrl}/status`);
  return ometria.orders.count >= placed.orders.length;
}
