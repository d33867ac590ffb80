import { waitForSlot, type RateLimiter } from '../remote/rate-limiter.js';
import { callOmetria, jsonOf } from './ometria-call.js';

export interface ReadClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Ometria's Data API allows 4 requests/s, separately from pushes (docs/design.md O2). */
  limiter: RateLimiter;
  now: () => number;
  fetch?: typeof fetch;
}

/**
 * Ometria's read-back endpoints for reconciliation; a 404 is `undefined` (Ometria has no such record), any other
 * failure throws the RemoteError classifyOmetriaResponse gives it.
 */
export function createReadClient(options: ReadClientOptions) {
  const get = async (path: string): Promise<Record<string, unknown> | undefined> => {
    await waitForSlot(options.limiter, options.now);
    const call = `GET ${path}`;
    const answer = await callOmetria(
      `${options.baseUrl}${path}`,
      {},
      { apiKey: options.apiKey, timeoutMs: 15_000, call, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
    if (answer.status === 404) return undefined;
    return jsonOf(answer, call, options.now()) as Record<string, unknown>;
  };
  return {
    order: (id: string) => get(`/orders/${encodeURIComponent(id)}`),
    contact: (collection: string, id: string) => get(`/contacts/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`),
    product: (id: string) => get(`/products/${encodeURIComponent(id)}`),
  };
}

export type ReadClient = ReturnType<typeof createReadClient>;
