import { statfs } from 'node:fs/promises';

/** Free bytes available to this process on the file system holding `dir`. */
export type FreeDiskBytes = (dir: string) => Promise<number>;

export const statfsFreeBytes: FreeDiskBytes = async (dir) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

/** Free space is read at most this often, ms: statfs is cheap, but not per request under a flood. */
export const DISK_CHECK_EVERY_MS = 5_000;

/**
 * Whether /collect may still write (issue 15.8): below MIN_FREE_DISK_MB under DATA_DIR it answers 503, so
 * anonymous storefront traffic cannot fill the disk webhook intake needs (webhooks are not guarded). The reading
 * is cached for DISK_CHECK_EVERY_MS; concurrent requests share one read. A failed read (no such folder) counts as
 * enough space: the guard must not take /collect down by itself, and the store's own errors still answer 503.
 */
export function createDiskGuard(options: { dir: string; minFreeBytes: number; now: () => number; freeBytes?: FreeDiskBytes }) {
  const read = options.freeBytes ?? statfsFreeBytes;
  let checkedAt = -Infinity;
  let enough = true;
  let pending: Promise<boolean> | undefined;
  return {
    /** True when /collect may store events. */
    async hasRoom(): Promise<boolean> {
      if (options.minFreeBytes <= 0) return true;
      if (options.now() - checkedAt < DISK_CHECK_EVERY_MS) return enough;
      pending ??= read(options.dir)
        .then(
          (free) => free >= options.minFreeBytes,
          () => true,
        )
        .then((ok) => {
          enough = ok;
          checkedAt = options.now();
          pending = undefined;
          return ok;
        });
      return pending;
    },
  };
}

export type DiskGuard = ReturnType<typeof createDiskGuard>;
