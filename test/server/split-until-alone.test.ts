import { describe, expect, it } from 'vitest';
import { splitUntilAlone, type PartAnswer } from '../../server/centra/split-until-alone.js';

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

/** A remote that refuses any part holding one of `bad`, naming the first such id (as a GraphQL validation error does). */
function remote(bad: ReadonlySet<number>, message = (id: number) => `Int cannot represent non 32-bit signed integer value: ${id}`) {
  const sent: number[][] = [];
  const send = async (part: readonly number[]): Promise<PartAnswer<number[]>> => {
    sent.push([...part]);
    const culprit = part.find((id) => bad.has(id));
    return culprit === undefined ? { ok: true, value: [...part] } : { ok: false, message: message(culprit), response: { culprit } };
  };
  return { send, sent };
}

describe('splitUntilAlone: one bad id never fails its neighbours', () => {
  it('sends a batch the remote takes as one request, unsplit', async () => {
    const r = remote(new Set());
    const out = await splitUntilAlone(range(50), r.send);
    expect(out).toEqual({ answers: [range(50)], refusedAlone: new Map(), requests: 1 });
  });

  it.each([1, 17, 25, 26, 50])('isolates bad id at position %i of 50 in at most 1 + 2·log2(50) requests, and every other id is answered', async (position) => {
    const r = remote(new Set([position]));
    const out = await splitUntilAlone(range(50), r.send);
    expect([...out.refusedAlone.keys()]).toEqual([position]);
    expect(out.refusedAlone.get(position)).toEqual({
      message: `Int cannot represent non 32-bit signed integer value: ${position}`,
      response: { culprit: position },
    });
    expect(out.answers.flat().sort((a, b) => a - b)).toEqual(range(50).filter((id) => id !== position));
    expect(out.unattributed).toBeUndefined();
    expect(out.requests).toBe(r.sent.length);
    expect(out.requests).toBeLessThanOrEqual(13);
  });

  it('isolates two bad ids, also side by side, when the remote names each', async () => {
    for (const bad of [
      [3, 40],
      [20, 21],
    ]) {
      const r = remote(new Set(bad));
      const out = await splitUntilAlone(range(50), r.send);
      expect([...out.refusedAlone.keys()].sort((a, b) => a - b)).toEqual(bad);
      expect(out.answers.flat()).toHaveLength(48);
      expect(out.requests).toBeLessThanOrEqual(1 + 2 * 2 * 6);
    }
  });

  it('stops early when the remote refuses every part with one message: the document is at fault, no id is blamed', async () => {
    const r = remote(new Set(range(50)), () => 'Cannot query field "updatedAt" on type "Order".');
    const out = await splitUntilAlone(range(50), r.send);
    expect(out.refusedAlone.size).toBe(0);
    expect(out.answers).toEqual([]);
    expect(out.unattributed?.message).toBe('Cannot query field "updatedAt" on type "Order".');
    // 50 → 25 → 13 → 7 → 4 → 2 → 1 → 1: depth + 2, not 2·50 − 1
    expect(out.requests).toBe(8);
  });

  it('blames no id when a batch of one is refused: nothing shows the document works', async () => {
    const r = remote(new Set([7]));
    const out = await splitUntilAlone([7], r.send);
    expect(out).toMatchObject({ answers: [], refusedAlone: new Map(), requests: 1, unattributed: { message: expect.stringContaining('7') } });
  });

  it('never splits on a failure that is not a refusal: the throw ends the descent and reaches the caller', async () => {
    let calls = 0;
    const send = async (part: readonly number[]): Promise<PartAnswer<number[]>> => {
      calls++;
      if (part.length === 50) return { ok: false, message: 'refused' };
      throw new Error('Centra answered 503');
    };
    await expect(splitUntilAlone(range(50), send)).rejects.toThrow('503');
    expect(calls).toBe(2);
  });
});
