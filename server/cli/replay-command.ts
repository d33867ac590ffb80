import { parseArgs } from 'node:util';
import { replayDeadLetters } from '../admin/replay.js';
import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createRuntime } from '../runtime.js';
import { openConfiguredStore } from '../open-configured-store.js';

/**
 * `replay <id>... | --all [--type T]`: re-queues the jobs behind the dead letters, then runs due jobs in this
 * process until none is left and reports what became of each.
 */
export async function replayCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean' }, type: { type: 'string' } } });
  const ids = positionals.map(Number);
  if (!values.all && (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0))) {
    console.error('replay needs dead letter ids (positive integers) or --all');
    return 2;
  }
  if (config.mode === 'sandbox') {
    console.error('replay needs CENTRA_API_URL and OMETRIA_API_KEY: in the sandbox, use the replay button on /status');
    return 2;
  }
  const store = await openConfiguredStore(config);
  try {
    const result = await replayDeadLetters(store, values.all ? { all: true, type: values.type } : { ids }, Date.now());
    for (const id of result.unknown) console.error(`dead letter ${id}: not found or already replayed`);
    for (const id of result.notReplayable) console.error(`dead letter ${id}: a webhook event that names nothing Centra has; nothing to replay (see its reason)`);
    if (result.replayed.length === 0) {
      console.log('nothing to replay');
      return result.unknown.length > 0 || (!values.all && result.notReplayable.length > 0) ? 1 : 0;
    }
    const runtime = createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now });
    await runtime.worker.drain();
    let failed = 0;
    for (const r of result.replayed) {
      const [kind, entity] = r.job.split(' ') as [Parameters<typeof store.jobs.find>[0], string];
      const job = await store.jobs.find(kind, entity);
      const ok = job?.state === 'done';
      if (!ok) failed++;
      console.log(`dead letter ${r.id} (${r.job}): ${ok ? 'delivered' : `${job?.state ?? 'unknown'}${job?.last_error ? ` (${job.last_error})` : ''}`}`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
