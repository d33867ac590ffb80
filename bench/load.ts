import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/**
 * autocannon against one URL: flat out (`rate` undefined) or at a fixed offered load, requests per second.
 * `next`, when given, makes every request anew (its body and headers replace `body` and `headers`).
 */
export async function load(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { seconds: number; connections: number; rate?: number; next?: () => { body: string; headers: Record<string, string> } },
): Promise<LoadResult> {
  const next = options.next;
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers,
    ...(next ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...next() }) }] } : {}),
    duration: options.seconds,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
