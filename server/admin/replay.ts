import type { Store } from '../store/store.js';
import type { DeadLetter } from '../store/dead-letter-store.js';
import { WEBHOOK_EVENT_KIND } from '../intake/dead-letter-event.js';

export interface ReplayResult {
  replayed: Array<{ id: number; job: string }>;
  /** Ids that are not open dead letters (unknown or already replayed). */
  unknown: number[];
  /** Open letters holding a webhook event that named nothing usable: there is nothing to fetch again. */
  notReplayable: number[];
}

/**
 * Replays dead letters by re-running the job that produced them: the entity is fetched again and mapped with
 * today's code and config, so a fix in Centra or in OMETRIA_STORE_MAP is picked up.
 */
export function replayDeadLetters(store: Store, selection: { ids?: number[]; all?: boolean; type?: string }, now: number): Promise<ReplayResult> {
  return store.transaction(async (tx) => {
    const result: ReplayResult = { replayed: [], unknown: [], notReplayable: [] };
    const letters: Array<DeadLetter | number> = [];
    if (selection.all) letters.push(...(await tx.deadLetters.listOpen(selection.type)));
    else for (const id of selection.ids ?? []) letters.push((await tx.deadLetters.get(id)) ?? id);
    for (const letter of letters) {
      if (typeof letter === 'number' || letter.state !== 'open') {
        result.unknown.push(typeof letter === 'number' ? letter : letter.id);
        continue;
      }
      if (letter.job_kind === WEBHOOK_EVENT_KIND) {
        result.notReplayable.push(letter.id);
        continue;
      }
      await tx.jobs.enqueue(letter.job_kind, letter.entity_key, now);
      await tx.deadLetters.markReplayed(letter.id, now);
      result.replayed.push({ id: letter.id, job: `${letter.job_kind} ${letter.entity_key}` });
    }
    return result;
  });
}
