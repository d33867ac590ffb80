import type { TrackerEvent } from '../../shared/tracker-event-types.js';

/** Why a URL in a tracker event was dropped. */
export type UrlDropReason = 'malformed' | 'scheme' | 'host';

/** `localhost`, 127.0.0.0/8 and ::1: plain http there cannot leave the machine. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Which URLs a tracker event may carry into Ometria (issue 15.2): they end up as links in the brand's emails, so
 * only `https:` (or `http:` on a loopback host) on a host the brand named: the hosts of TRACKER_ALLOWED_ORIGINS
 * and TRACKER_ALLOWED_URL_HOSTS (`*.example.com` allows its subdomains, not example.com itself). Ports are not
 * compared. `allowLoopback` (the sandbox) also allows loopback hosts unnamed: its demo storefront is the companion.
 * Returns undefined for an allowed URL, else the reason.
 */
export function createUrlRules(options: { origins: readonly string[]; hosts: readonly string[]; allowLoopback: boolean }) {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const origin of options.origins) {
    const host = hostOf(origin);
    if (host) exact.add(host);
  }
  for (const h of options.hosts) {
    if (h.startsWith('*.')) suffixes.push(h.slice(1).toLowerCase());
    else exact.add(h.toLowerCase());
  }
  const hostAllowed = (host: string) => exact.has(host) || suffixes.some((s) => host.endsWith(s)) || (options.allowLoopback && LOOPBACK.test(host));
  return (raw: string): UrlDropReason | undefined => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'malformed';
    }
    // credentials in a link are a phishing device (https://shop.example.com:x@evil.example/)
    if (url.username || url.password) return 'malformed';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return 'scheme';
    return hostAllowed(url.hostname) ? undefined : 'host';
  };
}

export type UrlRules = ReturnType<typeof createUrlRules>;

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

/**
 * PURE: the event with every URL the rules refuse taken out (page and basket URL become '', a line's url or
 * imageUrl is removed); `drop` hears each refusal with its reason. The rest of the event is kept: a product view
 * is still worth sending without its page link.
 */
export function withAllowedUrls(event: TrackerEvent, rules: UrlRules, drop: (reason: UrlDropReason) => void): TrackerEvent {
  const keep = (url: string | undefined): string | undefined => {
    if (!url) return url;
    const reason = rules(url);
    if (reason) drop(reason);
    return reason ? undefined : url;
  };
  const out = { ...event, url: keep(event.url) ?? '' };
  if (out.type === 'basket') {
    const d = out.data;
    out.data = {
      ...d,
      url: keep(d.url) ?? '',
      lines: d.lines.map(({ url, imageUrl, ...line }) => {
        const u = keep(url);
        const i = keep(imageUrl);
        return { ...line, ...(u ? { url: u } : {}), ...(i ? { imageUrl: i } : {}) };
      }),
    };
  }
  return out;
}
