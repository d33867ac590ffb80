import type { Config } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import { createCollectCounters, type CollectCounters } from './collect-counters.js';
import { createDiskGuard, type DiskGuard, type FreeDiskBytes } from './disk-guard.js';
import { identityPolicy, type IdentityPolicy } from './identity-policy.js';
import { contactKeyLookup } from '../jobs/tracker-events/ometria-identity.js';
import type { ScreenDeps } from './screen-tracker-batch.js';
import { createUrlRules } from './url-rules.js';

/** What /status shows of /collect's defences (issue 15): `collect` in the status snapshot. */
export interface CollectStatus {
  identity: IdentityPolicy;
  /** Refusals and trims since this process started, by reason (collect-counters.ts). */
  refused: Record<string, number>;
}

export interface CollectGuards extends ScreenDeps {
  disk: DiskGuard;
  counters: CollectCounters;
  status: () => CollectStatus;
}

/** Ometria store ids a batch's `store` may name: the values of OMETRIA_STORE_MAP and CATALOGUE_STORES. */
export function configuredOmetriaStores(config: Pick<Config, 'OMETRIA_STORE_MAP' | 'CATALOGUE_STORES'>): Set<string> {
  return new Set([...Object.values(config.OMETRIA_STORE_MAP), ...(config.CATALOGUE_STORES ?? []).map((s) => s.store)]);
}

/** /collect's checks of issue 15 built from the configuration; `freeDiskBytes` is for tests. */
export function collectGuards(config: Readonly<Config>, store: Store, deps: { now: () => number; freeDiskBytes?: FreeDiskBytes }): CollectGuards {
  const counters = createCollectCounters();
  const policy = identityPolicy(config);
  return {
    stores: configuredOmetriaStores(config),
    urlRules: createUrlRules({ origins: config.TRACKER_ALLOWED_ORIGINS, hosts: config.TRACKER_ALLOWED_URL_HOSTS, allowLoopback: config.mode === 'sandbox' }),
    counters,
    vetting: { policy, secret: config.TRACKER_IDENTITY_SECRET, keys: contactKeyLookup(store.contactKeys) },
    // With DATABASE_URL the store is not under DATA_DIR, and the database's disk cannot be seen from here.
    disk: createDiskGuard({
      dir: config.DATA_DIR,
      minFreeBytes: config.DATABASE_URL ? 0 : config.MIN_FREE_DISK_MB * 1024 * 1024,
      now: deps.now,
      freeBytes: deps.freeDiskBytes,
    }),
    status: () => ({ identity: policy, refused: counters.snapshot() }),
  };
}
