/** A sample line's tenant label; tenant ids are [a-z0-9-] (load-tenants.ts), so the value needs no unescaping. */
const TENANT_LABEL = /[{,]tenant="([^"]*)"/;

/**
 * One tenant's share of a text exposition: its own series and the process's (no tenant label), comment lines kept.
 * A tenant's /metrics shows no other tenant's figures or name. Line by line, so it costs one pass over the text.
 */
export function onlyTenant(exposition: string, tenant: string): string {
  return exposition
    .split('\n')
    .filter((line) => {
      if (line.startsWith('#')) return true;
      const label = TENANT_LABEL.exec(line);
      return !label || label[1] === tenant;
    })
    .join('\n');
}
