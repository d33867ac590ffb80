import type { ConsentValue } from '../../mapping/contact/consent-state.js';
import type { KvStore } from '../../store/kv-store.js';

/**
 * What one subscription last said, once Ometria has it (or nothing needed sending): the dated state the poll derived
 * from it. Equal next time = unchanged, nothing is sent; it also keeps an opt-out's date stable across polls, since
 * a deactivation has no date of its own in Centra (newsletter-signal.ts). One kv row per non-back-in-stock
 * subscription seen.
 */
export interface SubscriptionMemory {
  state: Exclude<ConsentValue, 'unknown'>;
  /** UTC ISO-8601; absent when the subscription gave no date (an opt-in without createdAt). */
  at?: string;
}

const key = (subscriptionId: number) => `newsletter:sub:${subscriptionId}`;

export const readMemory = (kv: KvStore, subscriptionId: number) => kv.get<SubscriptionMemory>(key(subscriptionId));
export const writeMemory = (kv: KvStore, subscriptionId: number, memory: SubscriptionMemory) => kv.set(key(subscriptionId), memory);

/** A replayed dead letter: forget it so the next poll that reads the subscription decides and sends it again. */
export async function forgetMemory(kv: KvStore, subscriptionId: number): Promise<void> {
  // The kv store has no delete; a memory that matches no derived state is as good as none.
  await kv.set(key(subscriptionId), null);
}

export function sameMemory(a: SubscriptionMemory | null | undefined, b: SubscriptionMemory): boolean {
  return !!a && a.state === b.state && a.at === b.at;
}
