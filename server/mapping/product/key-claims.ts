import type { KeyCollision } from './product-mapping-context.js';

/**
 * Who holds each Ometria product id (docs/design.md D2). The first claimant keeps an id; later claimants from
 * another Centra object are refused and reported, so two Centra variants never overwrite each other in Ometria.
 */
export function createKeyClaims() {
  const holders = new Map<string, string>();
  const lost = new Map<string, string[]>();
  return {
    /** true when `owner` holds `id` (first claim, or its own again). */
    claim(id: string, owner: string): boolean {
      const holder = holders.get(id);
      if (holder === undefined) holders.set(id, owner);
      if (holder === undefined || holder === owner) return true;
      const others = lost.get(id) ?? [];
      if (!others.includes(owner)) lost.set(id, [...others, owner]);
      return false;
    },
    collisions(): KeyCollision[] {
      return [...lost].map(([id, others]) => ({ id, owners: [holders.get(id)!, ...others] }));
    },
  };
}

export type KeyClaims = ReturnType<typeof createKeyClaims>;
