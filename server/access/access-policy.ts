import type { Config } from '../config/load-config.js';

/** Who may open the operations pages (/status, /status.json, /metrics, /admin/*) of one app. */
export interface AccessPolicy {
  /** No token needed: the sandbox bound to a loopback address, reachable from this machine only. */
  open: boolean;
  /** Opens everything; unset in production = the pages answer 403 (closed, never open by omission). */
  adminToken: string | undefined;
  /** Opens GET /metrics alone. */
  metricsToken: string | undefined;
}

/**
 * The sandbox stays open only while it listens on loopback: a sandbox started with HOST=0.0.0.0 is reachable
 * from the network, so it needs ADMIN_TOKEN like production. A tenant's configuration carries its own
 * ADMIN_TOKEN or the one of the base environment (load-tenants.ts inherits every variable).
 */
export function accessPolicy(config: Pick<Config, 'mode' | 'HOST' | 'ADMIN_TOKEN' | 'METRICS_TOKEN'>): AccessPolicy {
  return {
    open: config.mode === 'sandbox' && isLoopbackHost(config.HOST),
    adminToken: config.ADMIN_TOKEN,
    metricsToken: config.METRICS_TOKEN,
  };
}

/** 127.0.0.0/8, ::1 and localhost; anything else (0.0.0.0, ::, a LAN address, a name) may be reached from outside. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}
