import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli/run-cli.js';
import { loadConfig } from '../../server/config/load-config.js';
import { createLogger } from '../../server/log/logger.js';
import { startTenants, type TenantsHandle } from '../../server/main.js';
import { sendCentraWebhook, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { scrapeMetrics, type Scraped } from '../helpers/prometheus-scrape.js';
import { testDatabase, type TestDatabase } from '../helpers/database-env.js';
import { simSchemaFromEnv } from '../helpers/sim-schema-env.js';
import { storeEngine, testDatabaseUrl } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

interface Tenant {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  secret: string;
}

const dir = tempDir();
const logLines: Array<Record<string, unknown>> = [];
const slackTexts: string[] = [];
let slack: Server;
let database: TestDatabase;
let tenants: Record<'acme' | 'bolt', Tenant>;
let service: TenantsHandle;
let baseEnv: Record<string, string>;
/** bolt inherits the base ADMIN_TOKEN; acme sets its own, which replaces the base one for acme. */
const BASE_ADMIN_TOKEN = 'base-admin-token-0123456789';
const ACME_ADMIN_TOKEN = 'acme-admin-token-0123456789';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function startTenant(secret: string): Promise<Tenant> {
  return {
    centra: await startCentraSimulator({ rateLimit: false, schema: simSchemaFromEnv() }),
    ometria: await startOmetriaRecorder({ ratePerSecond: 0 }),
    secret,
  };
}

function writeTenantsFile(name: string, content: unknown): string {
  const path = join(dir.path, name);
  writeFileSync(path, JSON.stringify(content), { mode: 0o600 });
  return path;
}

const send = (path: string, secret: string, id: number) =>
  sendCentraWebhook({
    url: `${service.url}${path}`,
    secret,
    payload: { events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.123456', id }] },
  });

beforeAll(async () => {
  slack = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      slackTexts.push((JSON.parse(body) as { text: string }).text);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  database = await testDatabase();
  tenants = { acme: await startTenant('acme-endpoint-secret'), bolt: await startTenant('bolt-endpoint-secret') };
  const tenantVariables = (t: Tenant) => ({
    CENTRA_API_URL: t.centra.url,
    CENTRA_API_TOKEN: t.centra.token,
    CENTRA_WEBHOOK_SECRET: t.secret,
    OMETRIA_API_URL: t.ometria.baseUrl,
    OMETRIA_API_KEY: t.ometria.apiKey,
  });
  baseEnv = { DATA_DIR: dir.path, ...database.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', OMETRIA_PUSH_RATE: '50', ADMIN_TOKEN: BASE_ADMIN_TOKEN };
  const file = writeTenantsFile('tenants.json', {
    tenants: {
      // acme maps market 1 only: an order in market 2 is dead-lettered, with an alert.
      acme: {
        ...tenantVariables(tenants.acme),
        ADMIN_TOKEN: ACME_ADMIN_TOKEN,
        OMETRIA_STORE_MAP: { '1': 'acme.example/uk' },
        ALERT_WEBHOOK_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`,
      },
      bolt: { ...tenantVariables(tenants.bolt), OMETRIA_STORE_MAP: { '*': 'bolt.example' } },
    },
  });
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  service = await startTenants(loadConfig({ ...baseEnv, TENANTS_FILE: file }), { logger });
});

afterAll(async () => {
  const schemas = service ? [...service.tenants.values()].map((t) => t.config.tenant?.schema) : [];
  await service?.close();
  await Promise.all(Object.values(tenants ?? {}).flatMap((t) => [t.centra.close(), t.ometria.close()]));
  await new Promise<void>((resolve) => slack?.close(() => resolve()));
  if (storeEngine === 'postgres') {
    // Tenant schemas sit beside the test schema, where the global setup's clean-up does not look.
    const admin = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    for (const schema of schemas) if (schema) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  await database?.drop();
  dir.remove();
});

describe('several tenants in one deployment (issue 9, part 3)', () => {
  it('gives each tenant its own store: a folder on SQLite, a schema on PostgreSQL', () => {
    const acme = service.tenants.get('acme')!.config;
    expect(acme.tenant?.id).toBe('acme');
    if (storeEngine === 'postgres') {
      expect(acme.tenant?.schema).toMatch(/_tenant_acme$/);
      expect(acme.DATABASE_URL).toContain(`search_path%3D${acme.tenant?.schema}`);
    } else {
      expect(acme.DATA_DIR).toBe(join(dir.path, 'acme'));
    }
  });

  it("delivers a webhook to /webhooks/centra/acme into acme's Ometria only", async () => {
    tenants.acme.centra.data.orders.add(makeSimOrder({ number: 101 }));
    tenants.bolt.centra.data.orders.add(makeSimOrder({ number: 101 }));
    const reply = await send('/webhooks/centra/acme', tenants.acme.secret, 101);
    expect(reply.status).toBe(200);
    const order = await waitFor(() => tenants.acme.ometria.store.get('order', '101'), "order 101 in acme's Ometria");
    expect(order).toMatchObject({ id: '101', store: 'acme.example/uk' });
    expect(tenants.bolt.ometria.store.get('order', '101')).toBeUndefined();
    expect(tenants.bolt.ometria.pushes.list()).toEqual([]);
    expect(await service.tenants.get('bolt')!.store.deliveries.count()).toBe(0);
  });

  it("refuses with 401 a webhook signed with acme's secret sent to bolt", async () => {
    const reply = await send('/webhooks/centra/bolt', tenants.acme.secret, 101);
    expect(reply.status).toBe(401);
    expect(await service.tenants.get('bolt')!.store.deliveries.count()).toBe(0);
    expect((await send('/webhooks/centra/bolt', tenants.bolt.secret, 101)).status).toBe(200);
    await waitFor(() => tenants.bolt.ometria.store.get('order', '101'), "order 101 in bolt's Ometria");
    expect(tenants.bolt.ometria.store.get('order', '101')).toMatchObject({ store: 'bolt.example' });
  });

  it('keeps a dead letter and its alert in the tenant it belongs to, named in logs and in Slack', async () => {
    tenants.acme.centra.data.orders.add(makeSimOrder({ number: 102, market: { id: 2, name: 'SE' } }));
    expect((await send('/webhooks/centra/acme', tenants.acme.secret, 102)).status).toBe(200);
    await waitFor(async () => (await service.tenants.get('acme')!.store.deadLetters.countOpen()) === 1, 'order 102 dead-lettered in acme');

    const acme = await (await fetch(`${service.url}/tenants/acme/status.json`, bearer(ACME_ADMIN_TOKEN))).json();
    const bolt = await (await fetch(`${service.url}/tenants/bolt/status.json`, bearer(BASE_ADMIN_TOKEN))).json();
    expect(acme.openDeadLetters).toBe(1);
    expect(acme.alerts.map((a: { kind: string }) => a.kind)).toContain('dead_letter');
    expect(bolt.openDeadLetters).toBe(0);
    // Schema alerts are each tenant's own Centra's (none against the full contract): not what this test is about.
    expect(bolt.alerts.filter((a: { kind: string }) => a.kind !== 'centra_schema')).toEqual([]);
    expect((await fetch(`${service.url}/tenants/bolt/status`, bearer(BASE_ADMIN_TOKEN))).status).toBe(200);

    await waitFor(() => slackTexts.find((t) => t.includes('Order 102')), 'the alert in Slack');
    expect(slackTexts.find((t) => t.includes('Order 102'))).toMatch(/^\[acme\] /);
    expect(logLines.find((l) => String(l.msg).includes('Order 102'))).toMatchObject({ tenant: 'acme' });
  });

  it("opens a tenant's pages with its own ADMIN_TOKEN, or the base one when it sets none, and no other", async () => {
    const status = (tenant: string, token?: string) => fetch(`${service.url}/tenants/${tenant}/status.json`, token ? bearer(token) : {}).then((r) => r.status);
    expect(await status('acme')).toBe(401);
    expect(await status('acme', ACME_ADMIN_TOKEN)).toBe(200);
    expect(await status('acme', BASE_ADMIN_TOKEN)).toBe(401);
    expect(await status('bolt', BASE_ADMIN_TOKEN)).toBe(200);
    expect(await status('bolt', ACME_ADMIN_TOKEN)).toBe(401);
    expect((await fetch(`${service.url}/tenants/bolt/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/tenants/bolt/metrics`, bearer(BASE_ADMIN_TOKEN))).status).toBe(200);

    // A login to acme is acme's: its cookie is scoped to /tenants/acme/ and its HMAC to acme's mount point.
    const login = await fetch(`${service.url}/tenants/acme/status/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${ACME_ADMIN_TOKEN}`,
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/tenants/acme/status');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Path=\/tenants\/acme\//);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${service.url}/tenants/acme/status`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${service.url}/tenants/bolt/status`, { headers: { cookie: session } })).status).toBe(401);
    const page = await fetch(`${service.url}/tenants/bolt/status`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('action="/tenants/bolt/status/login"');
  });

  it("labels each tenant's series on the process's /metrics, and shows a tenant only its own on its /metrics", async () => {
    const all = () => scrapeMetrics(`${service.url}/metrics`, { authorization: `Bearer ${BASE_ADMIN_TOKEN}` });
    const accepted = (s: Scraped, tenant: string) => s.value('centra_ometria_webhook_deliveries_total', { tenant, outcome: 'accepted' });
    const before = await all();
    tenants.acme.centra.data.orders.add(makeSimOrder({ number: 110 }));
    tenants.bolt.centra.data.orders.add(makeSimOrder({ number: 110 }));
    tenants.bolt.centra.data.orders.add(makeSimOrder({ number: 111 }));
    expect((await send('/webhooks/centra/acme', tenants.acme.secret, 110)).status).toBe(200);
    expect((await send('/webhooks/centra/bolt', tenants.bolt.secret, 110)).status).toBe(200);
    expect((await send('/webhooks/centra/bolt', tenants.bolt.secret, 111)).status).toBe(200);
    const after = await all();
    expect(accepted(after, 'acme') - accepted(before, 'acme')).toBe(1);
    expect(accepted(after, 'bolt') - accepted(before, 'bolt')).toBe(2);
    for (const family of after.families.filter((f) => f.name.startsWith('centra_ometria_') && f.name !== 'centra_ometria_build_info')) {
      for (const labels of after.labelSets(family.name)) expect(['acme', 'bolt'], family.name).toContain(labels.tenant);
    }
    expect(after.labelSets('centra_ometria_jobs').map((l) => l.tenant)).toEqual(expect.arrayContaining(['acme', 'bolt']));
    // Process-wide: one build and one memory, whoever's traffic it serves.
    expect(after.labelSets('centra_ometria_build_info')).toEqual([expect.not.objectContaining({ tenant: expect.anything() })]);
    expect(after.labelSets('process_resident_memory_bytes')).toHaveLength(1);

    const acme = await scrapeMetrics(`${service.url}/tenants/acme/metrics`, { authorization: `Bearer ${ACME_ADMIN_TOKEN}` });
    const tenantsSeen = new Set([...acme.names()].flatMap((name) => acme.labelSets(name).map((l) => l.tenant)));
    expect([...tenantsSeen].filter((t) => t !== undefined)).toEqual(['acme']);
    expect(acme.value('centra_ometria_webhook_deliveries_total', { tenant: 'acme', outcome: 'accepted' })).toBe(accepted(after, 'acme'));
    expect((await fetch(`${service.url}/metrics`, bearer(ACME_ADMIN_TOKEN))).status).toBe(401);
  });

  it('answers 404 naming an unknown tenant, and /readyz counts tenants without naming them', async () => {
    const webhook = await send('/webhooks/centra/nope', tenants.acme.secret, 101);
    expect(webhook.status).toBe(404);
    expect(JSON.parse(webhook.body)).toEqual({ error: 'no tenant "nope" in this deployment' });
    const status = await fetch(`${service.url}/tenants/nope/status`);
    expect(status.status).toBe(404);
    expect(await status.json()).toEqual({ error: 'no tenant "nope" in this deployment' });
    expect((await send('/webhooks/centra', tenants.acme.secret, 101)).status).toBe(404);

    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.text();
    expect(JSON.parse(body)).toEqual({ ok: true, checks: { accepting: true }, tenants: { total: 2, ready: 2 } });
    expect(body).not.toMatch(/acme|bolt/);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  it('stops at start on a bad TENANTS_FILE, naming the tenant and the variable', async () => {
    const acme = { CENTRA_API_URL: 'https://acme.example/graphql', CENTRA_API_TOKEN: 't', CENTRA_WEBHOOK_SECRET: 's1', OMETRIA_API_KEY: 'k' };
    const load = (name: string, content: unknown) => () => loadConfig({ ...baseEnv, TENANTS_FILE: writeTenantsFile(name, content) });
    expect(load('bad-value.json', { tenants: { acme: { ...acme, OMETRIA_STORE_MAP: 'not json' } } })).toThrow(
      /tenant "acme"[^]*OMETRIA_STORE_MAP: must be a JSON object/,
    );
    expect(load('bad-id.json', { tenants: { 'Acme!': acme } })).toThrow(/tenant "Acme!"[^]*1 to 40 of a-z, 0-9 and "-"/);
    expect(load('port.json', { tenants: { acme: { ...acme, PORT: '9000' } } })).toThrow(/tenant "acme"[^]*PORT: is set for the whole process/);
    expect(load('unknown.json', { tenants: { acme: { ...acme, OMETRIA_API_KYE: 'k' } } })).toThrow(/tenant "acme"[^]*OMETRIA_API_KYE: is not a variable/);
    expect(load('sandbox.json', { tenants: { acme: {} } })).toThrow(/tenant "acme"[^]*CENTRA_API_URL and OMETRIA_API_KEY: must be set/);
    expect(load('shared-secret.json', { tenants: { acme, bolt: { ...acme, CENTRA_API_URL: 'https://bolt.example/graphql' } } })).toThrow(
      /"acme" and "bolt" have the same CENTRA_WEBHOOK_SECRET/,
    );

    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const code = await runCli(['serve'], { ...baseEnv, TENANTS_FILE: writeTenantsFile('serve.json', { tenants: { bolt: { ...acme, HOST: '0.0.0.0' } } }) });
      expect(code).toBe(1);
      expect(errors.mock.calls.flat().join('\n')).toMatch(/tenant "bolt"[^]*HOST: is set for the whole process/);
    } finally {
      errors.mockRestore();
    }
  });

  it("runs a CLI command on one tenant's store with --tenant", async () => {
    const file = writeTenantsFile(
      'cli.json',
      JSON.parse(
        JSON.stringify({
          tenants: Object.fromEntries(
            [...service.tenants].map(([id, t]) => [
              id,
              {
                CENTRA_API_URL: t.config.CENTRA_API_URL,
                CENTRA_API_TOKEN: t.config.CENTRA_API_TOKEN,
                CENTRA_WEBHOOK_SECRET: t.config.CENTRA_WEBHOOK_SECRET,
                OMETRIA_API_URL: t.config.OMETRIA_API_URL,
                OMETRIA_API_KEY: t.config.OMETRIA_API_KEY,
              },
            ]),
          ),
        }),
      ),
    );
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['status', '--json', '--tenant', 'acme'], { ...baseEnv, TENANTS_FILE: file })).toBe(0);
      expect(JSON.parse(String(logs.mock.calls[0]![0]))).toMatchObject({ openDeadLetters: 1 });
      expect(await runCli(['status', '--json', '--tenant=bolt'], { ...baseEnv, TENANTS_FILE: file })).toBe(0);
      expect(JSON.parse(String(logs.mock.calls[1]![0]))).toMatchObject({ openDeadLetters: 0 });
      expect(await runCli(['status'], { ...baseEnv, TENANTS_FILE: file })).toBe(1);
      expect(String(errors.mock.calls[0]![0])).toMatch(/--tenant <id> \(one of acme, bolt\)/);
    } finally {
      logs.mockRestore();
      errors.mockRestore();
    }
  });
});
