import type { Sql } from './sql/sql.js';

/** Shipment/return → order links, and the newest Centra version pushed per entity. */
export function createLinkStore(sql: Sql) {
  return {
    async link(kind: 'shipment' | 'return', entityId: string, orderNumber: string): Promise<void> {
      await sql.run(
        `INSERT INTO entity_links (kind, entity_id, order_number) VALUES (?, ?, ?)
        ON CONFLICT (kind, entity_id) DO UPDATE SET order_number = excluded.order_number`,
        [kind, entityId, orderNumber],
      );
    },
    async orderOf(kind: 'shipment' | 'return', entityId: string): Promise<string | undefined> {
      return (await sql.get<{ order_number: string }>(`SELECT order_number FROM entity_links WHERE kind = ? AND entity_id = ?`, [kind, entityId]))
        ?.order_number;
    },
    /** ISO-8601 UTC strings compare in time order. */
    async version(kind: string, key: string): Promise<string | undefined> {
      return (await sql.get<{ version: string }>(`SELECT version FROM source_versions WHERE kind = ? AND entity_key = ?`, [kind, key]))?.version;
    },
    async setVersion(kind: string, key: string, version: string): Promise<void> {
      await sql.run(
        `INSERT INTO source_versions (kind, entity_key, version) VALUES (?, ?, ?)
        ON CONFLICT (kind, entity_key) DO UPDATE SET version = excluded.version`,
        [kind, key, version],
      );
    },
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
