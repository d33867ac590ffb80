import type { Config } from '../config/load-config.js';
import { statusSnapshot } from '../status/status-snapshot.js';
import { openConfiguredStore } from '../open-configured-store.js';

export async function statusCommand(config: Readonly<Config>): Promise<number> {
  const store = await openConfiguredStore(config);
  try {
    const s = await statusSnapshot(store, { mode: config.mode, workerEnabled: config.WORKER_ENABLED, workerRunning: false }, Date.now());
    console.log(JSON.stringify({ backlog: s.backlog, lagSeconds: s.lagSeconds, openDeadLetters: s.openDeadLetters, openAlerts: s.alerts.filter((a) => a.state === 'open') }, null, 2));
    return 0;
  } finally {
    await store.close();
  }
}
