import { sleep, type RateLimiter } from '../remote/rate-limiter.js';

export interface ReadClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Ometria's Data API allows 4 requests/s, separately from pushes (docs/design.md O2). */
  limiter: RateLimiter;
  now: () => number;
  fetch?: typeof fetch;
}

/** Ometria's read-back endpoints for reconciliation; a 404 is `undefined`, anything else non-2xx throws. */
export function createReadClient(options: ReadClientOptions) {
  const get = async (path: string): Promise<Record<string, unknown> | undefined> => {
    const wait = await options.limiter.reserve(options.now());
    if (wait > 0) await sleep(wait);
    const res = await (options.fetch ?? fetch)(`${options.baseUrl}${path}`, {
      headers: { 'x-ometria-auth': options.apiKey },
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`Ometria GET ${path} answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    order: (id: string) => get(`/orders/${encodeURIComponent(id)}`),
    contact: (collection: string, id: string) => get(`/contacts/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`),
    product: (id: string) => get(`/products/${encodeURIComponent(id)}`),
  };
}

export type ReadClient = ReturnType<typeof createReadClient>;
