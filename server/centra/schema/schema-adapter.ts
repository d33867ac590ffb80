import type { GraphQLSchema } from 'graphql';
import { CENTRA_DOCUMENTS } from '../documents/registry.js';
import { adaptDocument } from './adapt-document.js';
import type { SchemaReport } from './check-schema.js';

/** Documents adapted per schema are remembered; batches by aliases differ by id, so the cache is bounded. */
const CACHE_LIMIT = 200;

export class UnsendableDocumentError extends Error {
  override name = 'UnsendableDocumentError';
}

/**
 * The schema the Centra client writes its documents for: until the first check ends (or when every document fits
 * as written) documents go out unchanged; after it, each is rewritten to the fields the live schema has.
 */
export function createSchemaAdapter() {
  let schema: GraphQLSchema | undefined;
  let report: SchemaReport | undefined;
  const cache = new Map<string, string>();
  let check: (() => Promise<unknown>) | undefined;
  let firstCheck: Promise<void> | undefined;

  return {
    /** The check to run before the first document goes out (runtime.ts binds the schema check here). */
    bindCheck(run: () => Promise<unknown>): void {
      check = run;
    },
    /**
     * Resolves once a first check has been adopted or has failed, starting it if nobody has: no document races the
     * check, in the service and in every CLI command alike. Without a bound check documents go out as written.
     */
    ready(): Promise<void> {
      if (schema || !check) return Promise.resolve();
      firstCheck ??= check().then(
        () => undefined,
        () => undefined,
      );
      return firstCheck;
    },
    adopt(next: GraphQLSchema, nextReport: SchemaReport): void {
      schema = next;
      report = nextReport;
      cache.clear();
    },
    report: (): SchemaReport | undefined => report,
    /** False when the adopted schema cannot take the registered document `name`: callers use its fallback. */
    canSend: (name: string): boolean => !report?.capabilities.some((c) => c.refused.some((r) => r.document === name)),
    /** The document as the adopted schema accepts it; throws UnsendableDocumentError when it cannot be sent. */
    adapt(query: string): string {
      if (!schema || !report?.adapts) return query;
      const hit = cache.get(query);
      if (hit !== undefined) return hit;
      const adapted = adaptDocument(query, schema);
      const essential = essentialOf(query);
      const fatal = adapted.dropped.filter((d) => d.inFilter || essential.includes(d.coordinate));
      if (adapted.errors.length > 0 || fatal.length > 0) {
        const why = adapted.errors[0] ?? `${fatal.map((d) => d.coordinate).join(', ')} missing`;
        throw new UnsendableDocumentError(`Centra's schema cannot take this document (${why}); see doctor / status`);
      }
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(query, adapted.text);
      return adapted.text;
    },
  };
}

export type SchemaAdapter = ReturnType<typeof createSchemaAdapter>;

const ESSENTIAL = new Map(CENTRA_DOCUMENTS.map((d) => [d.name, d.essential ?? []]));

/** The registered essentials of a document, by its operation name (`query OrdersByNumber {`). */
function essentialOf(query: string): readonly string[] {
  const name = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1];
  return (name && ESSENTIAL.get(name)) || [];
}
