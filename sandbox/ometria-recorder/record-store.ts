import { mergeRecord } from './merge-record.js';

export type RecordType = 'contact' | 'order' | 'product' | 'custom_event';
type Rec = Record<string, unknown>;

interface Entry {
  type: string;
  id: string;
  collection: string;
  record: Rec;
  /** Every body stored for this key, oldest first, as received (directives included). */
  bodies: Rec[];
}

/** What Ometria would hold: records keyed by type + id, contacts by `@collection` + id. */
export interface RecordStore {
  upsert(record: Rec): Rec;
  /** For a contact without `collection`, the first contact with that id in any collection. */
  get(type: RecordType, id: string, collection?: string): Rec | undefined;
  all(type: RecordType): Rec[];
  /** How many times a valid body was stored for this key (0 = never). */
  versions(type: RecordType, id: string, collection?: string): number;
  bodies(type: RecordType, id: string, collection?: string): Rec[];
  clear(): void;
}

export function createRecordStore(): RecordStore {
  const entries = new Map<string, Entry>();
  const find = (type: string, id: string, collection?: string): Entry | undefined => {
    if (collection !== undefined || type !== 'contact') return entries.get(keyOf(type, id, collection ?? ''));
    return [...entries.values()].find((e) => e.type === type && e.id === id);
  };
  return {
    upsert(incoming) {
      const type = String(incoming['@type']);
      const id = String(incoming.id);
      // The recorder keeps whatever a push sent; a non-string @collection is stored as String() gives it.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      const collection = type === 'contact' ? String(incoming['@collection'] ?? '') : '';
      const key = keyOf(type, id, collection);
      const entry = entries.get(key) ?? { type, id, collection, record: {}, bodies: [] };
      entry.record = mergeRecord(entry.bodies.length ? entry.record : undefined, incoming);
      entry.bodies.push(structuredClone(incoming));
      entries.set(key, entry);
      return entry.record;
    },
    get: (type, id, collection) => copy(find(type, id, collection)?.record),
    all: (type) => [...entries.values()].filter((e) => e.type === type).map((e) => structuredClone(e.record)),
    versions: (type, id, collection) => find(type, id, collection)?.bodies.length ?? 0,
    bodies: (type, id, collection) => structuredClone(find(type, id, collection)?.bodies ?? []),
    clear: () => entries.clear(),
  };
}

const keyOf = (type: string, id: string, collection: string): string => JSON.stringify([type, collection, id]);
const copy = (r: Rec | undefined): Rec | undefined => (r ? structuredClone(r) : undefined);
