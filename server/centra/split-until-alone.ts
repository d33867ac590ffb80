/** What one request for a part of a batch gave: taken (with its answer) or refused whole. */
export type PartAnswer<R> = { ok: true; value: R } | { ok: false; message: string; response?: unknown };

export interface Refusal {
  message: string;
  response?: unknown;
}

export interface SplitOutcome<Id, R> {
  /** Answers of the parts the remote took, in request order. */
  answers: R[];
  /**
   * Ids the remote refused when sent alone, while it took another part of the same batch: the document works,
   * so the id itself is the cause (docs/design.md D6, applied to Centra).
   */
  refusedAlone: Map<Id, Refusal>;
  /**
   * Set when no part at all was taken: nothing proves the ids guilty rather than the document (a field this
   * Centra does not have fails every alias alike). The caller keeps every id of the batch for a later try.
   */
  unattributed?: Refusal;
  /** Requests made, the first one included. */
  requests: number;
}

/**
 * Sends `ids` as one request; when the remote refuses it whole, halves it and sends each half, until the
 * ids it refuses stand alone. With k bad ids among n this costs at most about 1 + 2·k·log2(n) requests
 * (13 for one bad id in 50).
 *
 * A document the remote refuses whatever it holds would cost 2n − 1 requests to find that out, so the
 * descent stops early: when the first two ids sent alone are both refused with the same message and no part
 * was taken yet, the fault is taken to be the document's (depth + 2 requests, 8 for 50). Limit: two bad ids
 * side by side that the remote refuses with one identical message look like that too; they are then retried
 * as a batch later, not dead-lettered at once.
 *
 * `send` throws for failures that are not a refusal (timeouts, 5xx, 429, 401): those are never split, the
 * throw ends the descent and the caller retries the whole batch.
 */
export async function splitUntilAlone<Id, R>(ids: readonly Id[], send: (part: readonly Id[]) => Promise<PartAnswer<R>>): Promise<SplitOutcome<Id, R>> {
  const answers: R[] = [];
  const alone: Array<{ id: Id; refusal: Refusal }> = [];
  let requests = 0;
  let documentFault: Refusal | undefined;

  const visit = async (part: readonly Id[]): Promise<void> => {
    if (part.length === 0 || documentFault) return;
    requests++;
    const answer = await send(part);
    if (answer.ok) {
      answers.push(answer.value);
      return;
    }
    const refusal: Refusal = answer.response === undefined ? { message: answer.message } : { message: answer.message, response: answer.response };
    if (part.length === 1) {
      if (answers.length === 0 && alone.some((a) => a.refusal.message === refusal.message)) documentFault = refusal;
      alone.push({ id: part[0]!, refusal });
      return;
    }
    const half = Math.ceil(part.length / 2);
    await visit(part.slice(0, half));
    await visit(part.slice(half));
  };

  await visit(ids);
  if (answers.length === 0 && ids.length > 0) {
    return { answers, refusedAlone: new Map(), unattributed: documentFault ?? alone[0]!.refusal, requests };
  }
  return { answers, refusedAlone: new Map(alone.map((a) => [a.id, a.refusal])), requests };
}
