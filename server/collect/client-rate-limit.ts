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

/**
 * The rate-limit key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a whole /64,
 * so counting single IPv6 addresses would let one client rotate through 2^64 of them). Which address is the
 * client's is Express's `req.ip`, decided by TRUST_PROXY: by default the peer, X-Forwarded-For ignored.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
