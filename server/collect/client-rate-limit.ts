/** Windows tracked before stale ones are swept: bounds memory under many client addresses. */
const SWEEP_AT = 10_000;

/**
 * Fixed one-minute windows per client key (the IP address). In memory: a restart forgets the counts, which
 * only lets a client through early. Returns 0 when the request may go on, else the seconds to wait.
 */
export function createClientRateLimit(perMinute: number, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string, now: number): number => {
    if (windows.size > SWEEP_AT) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
    let w = windows.get(key);
    if (!w || now - w.start >= windowMs) windows.set(key, (w = { start: now, count: 0 }));
    if (++w.count <= perMinute) return 0;
    return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
  };
}
