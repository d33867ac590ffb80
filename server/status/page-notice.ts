/**
 * What the dashboard says after an action it redirected from: a code and an id in the query string, never text
 * (a crafted link must not make the page say something the service did not).
 */
export type PageNotice = { tone: 'ok' | 'error'; text: string };

const REPLAY_TEXTS: Record<string, (id: string) => PageNotice> = {
  replayed: (id) => ({ tone: 'ok', text: `Dead letter #${id} was queued again: its job runs on the worker's next cycle; it leaves the list once synced.` }),
  missing: (id) => ({ tone: 'error', text: `Dead letter #${id} does not exist or was already replayed: nothing was queued.` }),
  'not-replayable': (id) => ({ tone: 'error', text: `Dead letter #${id} holds a webhook event that names nothing Centra has: there is nothing to replay.` }),
};

/** The query string a redirect after a replay carries. */
export const replayNoticeQuery = (outcome: 'replayed' | 'missing' | 'not-replayable', id: number): string => `replay=${outcome}&id=${id}`;

/** The notice of a dashboard URL's query, or undefined when it carries none (or one not made by us). */
export function pageNotice(query: Record<string, unknown>): PageNotice | undefined {
  const outcome = typeof query.replay === 'string' ? REPLAY_TEXTS[query.replay] : undefined;
  const id = typeof query.id === 'string' && /^\d{1,15}$/.test(query.id) ? query.id : undefined;
  return outcome && id ? outcome(id) : undefined;
}
