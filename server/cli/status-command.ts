import type { Config } from '../config/load-config.js';
import { statusSnapshot } from '../status/status-snapshot.js';
import { openStore } from '../store/store.js';

export function statusCommand(config: Readonly<Config>): number {
  const store = openStore(config.DATA_DIR, { synchronous: config.STORE_SYNCHRONOUS });
  try {
    const s = statusSnapshot(store, { mode: config.mode, workerEnabled: config.WORKER_ENABLED, workerRunning: false }, Date.now());
    console.log(JSON.stringify({ backlog: s.backlog, lagSeconds: s.lagSeconds, openDeadLetters: s.openDeadLetters, openAlerts: s.alerts.filter((a) => a.state === 'open') }, null, 2));
    return 0;
  } finally {
    store.close();
  }
}
