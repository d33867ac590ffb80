import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Faults } from './faults.js';
import type { PushErrorList } from './push-errors.js';
import type { PushLog } from './push-log.js';
import { createRecorderApp } from './recorder-app.js';
import { createRecorderContext, type OmetriaRecorderOptions } from './recorder-context.js';
import type { RecordStore } from './record-store.js';
import type { RequestLog } from './request-log.js';

export type { OmetriaRecorderOptions } from './recorder-context.js';
export type { Faults, ScriptedResponse, DownMode } from './faults.js';
export type { PushError, PushErrorList } from './push-errors.js';
export type { PushLog, PushLogEntry, RecordsPerRequest } from './push-log.js';
export type { RecordStore, RecordType } from './record-store.js';
export type { RequestLog, RequestLogEntry } from './request-log.js';
export { createRecorderApp } from './recorder-app.js';
export { createRecorderContext } from './recorder-context.js';

export interface OmetriaRecorder {
  /** e.g. `http://127.0.0.1:54321/v2`, the value for the client's Ometria base URL. */
  baseUrl: string;
  port: number;
  apiKey: string;
  store: RecordStore;
  pushes: PushLog;
  /** Every `/v2` request, reads included: the rate limit is per account. */
  requests: RequestLog;
  /** What `GET /v2/push/_errors` returns. */
  errors: PushErrorList;
  faults: Faults;
  /** Empties store, logs, errors and faults, and refills the rate limit. */
  reset(): void;
  close(): Promise<void>;
}

/** A faithful fake of Ometria's Data API on 127.0.0.1, for tests, benchmarks and the sandbox. */
export async function startOmetriaRecorder(options: OmetriaRecorderOptions = {}): Promise<OmetriaRecorder> {
  const ctx = createRecorderContext(options);
  const server = await listen(createRecorderApp(ctx), options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    port,
    apiKey: ctx.apiKey,
    store: ctx.store,
    pushes: ctx.pushes,
    requests: ctx.requests,
    errors: ctx.errors,
    faults: ctx.faults,
    reset() {
      for (const part of [ctx.store, ctx.pushes, ctx.requests, ctx.errors]) part.clear();
      ctx.faults.reset();
      ctx.limiter.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listen(app: ReturnType<typeof createRecorderApp>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(server)));
    server.once('error', reject);
  });
}
