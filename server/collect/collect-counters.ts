/**
 * What /collect refused or trimmed, by reason, since this process started (issue 15.2 and 15.8): `url:host`,
 * `url:scheme`, `url:malformed` (a URL dropped from an event), `identify:<reason>`, `oversized` (413),
 * `store` (unconfigured store), `rate` (429), `disk` (503). In memory, per process: a restart starts from zero
 * and replicas count apart, like any Prometheus counter; /status shows them as `collect.refused`.
 */
export function createCollectCounters() {
  const counts = new Map<string, number>();
  return {
    count(reason: string, n = 1): void {
      counts.set(reason, (counts.get(reason) ?? 0) + n);
    },
    snapshot(): Record<string, number> {
      return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
    },
  };
}

export type CollectCounters = ReturnType<typeof createCollectCounters>;
