import type { Logger } from '../log/logger.js';
import type { KvStore } from '../store/kv-store.js';
import type { UnknownValue } from './centra-vocabulary.js';

/** kv keys of the values seen, one per kind and value, so every replica adds to one list. */
export const UNKNOWN_VALUE_PREFIX = 'centra-unknown:';

export interface SeenUnknownValue extends UnknownValue {
  firstSeen: string;
}

/**
 * Values Centra sent that centra-vocabulary.ts does not know: each logged once per process and kept in the store
 * for /status, so an operator sees "Centra sent return status ACCEPTED …" instead of a silent guess.
 */
export function createUnknownValueRecorder(deps: { kv: KvStore; logger: Logger; now: () => number }) {
  const seen = new Set<string>();
  return {
    async note(values: readonly UnknownValue[]): Promise<void> {
      for (const v of values) {
        const key = `${v.kind}:${v.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        deps.logger.warn(
          { centra: { kind: v.kind, value: v.value, entity: v.entity } },
          `Centra sent ${v.kind} ${v.value}, which this version does not know; treated as ${v.treatedAs}`,
        );
        try {
          await deps.kv.setIfAbsent(`${UNKNOWN_VALUE_PREFIX}${key}`, { ...v, firstSeen: new Date(deps.now()).toISOString() } satisfies SeenUnknownValue);
        } catch (error) {
          // Best effort: a full disk must not stop the order that carried the value.
          deps.logger.warn({ err: error }, 'could not record an unknown Centra value');
        }
      }
    },
  };
}

export type UnknownValueRecorder = ReturnType<typeof createUnknownValueRecorder>;

export const listUnknownValues = async (kv: KvStore): Promise<SeenUnknownValue[]> =>
  (await kv.list<SeenUnknownValue>(UNKNOWN_VALUE_PREFIX)).map((e) => e.value);
