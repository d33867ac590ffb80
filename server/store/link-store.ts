import type { Db } from './open-database.js';

/** Shipment/return → order links, and the newest Centra version pushed per entity. */
export function createLinkStore(db: Db) {
  const putLink = db.prepare(`INSERT INTO entity_links (kind, entity_id, order_number) VALUES (?, ?, ?)
    ON CONFLICT (kind, entity_id) DO UPDATE SET order_number = excluded.order_number`);
  const getLink = db.prepare(`SELECT order_number FROM entity_links WHERE kind = ? AND entity_id = ?`);
  const getVersion = db.prepare(`SELECT version FROM source_versions WHERE kind = ? AND entity_key = ?`);
  const putVersion = db.prepare(`INSERT INTO source_versions (kind, entity_key, version) VALUES (?, ?, ?)
    ON CONFLICT (kind, entity_key) DO UPDATE SET version = excluded.version`);
  return {
    link(kind: 'shipment' | 'return', entityId: string, orderNumber: string): void {
      putLink.run(kind, entityId, orderNumber);
    },
    orderOf(kind: 'shipment' | 'return', entityId: string): string | undefined {
      return (getLink.get(kind, entityId) as { order_number: string } | undefined)?.order_number;
    },
    /** ISO-8601 UTC strings compare in time order. */
    version(kind: string, key: string): string | undefined {
      return (getVersion.get(kind, key) as { version: string } | undefined)?.version;
    },
    setVersion(kind: string, key: string, version: string): void {
      putVersion.run(kind, key, version);
    },
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
