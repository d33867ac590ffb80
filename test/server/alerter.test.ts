import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CatalogueAlert } from '../../server/alerts/alert-catalogue.js';
import { createAlerter } from '../../server/alerts/alerter.js';
import { createLogger } from '../../server/log/logger.js';
import { useTempStore } from '../helpers/temp-store.js';
import { waitFor } from '../helpers/wait-for.js';

const temp = useTempStore();

// Hand-made, standing in for a catalogue alert: these tests are about the alerter, not the catalogue's words.
const alert = {
  fingerprint: 'sla:order:14',
  kind: 'sla_breach',
  entity: 'order 14',
  team: 'ecommerce' as const,
  message: 'order 14 is late',
  cause: 'Ometria is down',
  action: 'wait',
} as CatalogueAlert;

describe('alerter', () => {
  it('sends one Slack message when an alert opens, none while it stays open, one when it resolves', async () => {
    const received: Array<{ text: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          received.push(JSON.parse(body));
          res.end('ok');
        });
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const alerter = createAlerter({ alerts: temp.store.alerts, logger: createLogger('silent'), now: Date.now, webhookUrl: url });
    await alerter.raise(alert);
    await alerter.raise(alert);
    await alerter.raise(alert);
    await waitFor(() => received.length === 1, 'the opening message');
    expect(received[0]!.text).toBe(':rotating_light: [ecommerce] order 14 is late\nLikely cause: Ometria is down\nWhat to do: wait');
    await waitFor(async () => (await temp.store.alerts.listOpen())[0]?.notified_at, 'the alert marked as notified');
    expect((await temp.store.alerts.listOpen())[0]).toMatchObject({ occurrences: 3 });
    await alerter.resolve('sla:order:14');
    await waitFor(() => received.length === 2, 'the resolving message');
    expect(received[1]!.text).toMatch(/Resolved \(ecommerce\): order 14 is late/);
    server.close();
  });

  it('gives an alert kind to the team ALERT_TEAMS names', async () => {
    const alerter = createAlerter({ alerts: temp.store.alerts, logger: createLogger('silent'), now: Date.now, teams: { sla_breach: 'operations' } });
    await alerter.raise(alert);
    expect((await temp.store.alerts.listOpen())[0]!.team).toBe('operations');
  });
});
