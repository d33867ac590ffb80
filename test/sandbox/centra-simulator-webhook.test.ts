import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { encodeWebhookBody, phpUrlEncode, sendCentraWebhook, signCentraWebhook } from '../../sandbox/centra-simulator/index.js';

const ORDER_CREATED_BODY =
  'payload=%7B%22events%22%3A%5B%7B%22type%22%3A%22order%22%2C%22action%22%3A%22create%22%2C%22date%22%3A%222024-06-03+16%3A00%3A00.123456%22%2C%22id%22%3A14%7D%5D%7D';

describe('Centra webhook signing and encoding', () => {
  it("matches Centra's documented signature vector", () => {
    expect(signCentraWebhook('payload=%7B%22x%22%3A%22test%22%7D', 'test123', 12345678)).toBe(
      't=12345678,v1=0b9cd84f5d583e5e1aadfb9f160aa8080b51d5b85ff85808d6b75bdac356c549',
    );
  });

  it('reproduces the order-created fixture body byte for byte and its signature', () => {
    const body = encodeWebhookBody({ events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.123456', id: 14 }] });
    expect(body).toBe(ORDER_CREATED_BODY);
    expect(body.length).toBe(163);
    expect(signCentraWebhook(body, 's3cr3t-endpoint-secret', 1717430400)).toBe(
      't=1717430400,v1=bab3ab0cc219bf925084086922bd28153e1425b359d1b3c0f93a79fb76548bff',
    );
  });

  it('encodes like PHP: + for spaces, escaped slashes and non-ASCII, and round-trips through URLSearchParams', () => {
    expect(phpUrlEncode("a b!'()*~-_.")).toBe('a+b%21%27%28%29%2A%7E-_.');
    const payload = { events: [{ type: 'order', data: { timezone: 'Europe/Stockholm', name: 'Åsa' } }] };
    const body = encodeWebhookBody(payload);
    const json = new URLSearchParams(body).get('payload')!;
    expect(json).toContain('"Europe\\/Stockholm"');
    expect(json).toContain('"\\u00c5sa"');
    expect(JSON.parse(json)).toEqual(payload);
  });

  it('POSTs a signed form delivery and returns the receiver status and body', async () => {
    const seen: Array<{ type?: string; signature?: string; body: string }> = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ type: req.headers['content-type'], signature: req.headers['x-centra-signature'] as string, body });
        res.writeHead(202).end('queued');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/centra`;
      const payload = { events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.123456', id: 14 }] };
      const result = await sendCentraWebhook({ url, secret: 's3cr3t-endpoint-secret', payload, t: 1717430400 });
      expect(result).toEqual({ status: 202, body: 'queued' });
      expect(seen).toEqual([
        {
          type: 'application/x-www-form-urlencoded',
          body: ORDER_CREATED_BODY,
          signature: 't=1717430400,v1=bab3ab0cc219bf925084086922bd28153e1425b359d1b3c0f93a79fb76548bff',
        },
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
