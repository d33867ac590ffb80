import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';
import { CentraProductSchema, type CentraProduct } from './centra-product.js';
import { fetchByAlias, type Fetched } from '../fetch-by-alias.js';
import { buildProductsByIdQuery, PRODUCT_PAGE_QUERY } from './product-query.js';

/** A product Centra returned in a shape we cannot read: reported, never guessed at. */
export interface UnreadableProduct {
  id: number | undefined;
  message: string;
}

export interface ProductPage {
  products: CentraProduct[];
  unreadable: UnreadableProduct[];
  /** Rows Centra returned; fewer than the limit means the last page. */
  rows: number;
}

/** Only what Centra may show as sellable or recently sellable; CANCELLED is a guessed value of the enum. */
export const SYNCED_STATUSES: readonly string[] = ['ACTIVE', 'INACTIVE'];

/** One page of every ACTIVE and INACTIVE product, sorted by id (full sync). */
export async function fetchProductPage(client: CentraClient, page: number, limit: number): Promise<ProductPage> {
  const where = { status: SYNCED_STATUSES };
  const res = await client.request<{ products?: unknown[] | null }>(PRODUCT_PAGE_QUERY, { where, limit, page });
  const rows = res.data?.products;
  if (!Array.isArray(rows)) throw missingFromAnswer('products page', res.errors);
  const out: ProductPage = { products: [], unreadable: [], rows: rows.length };
  for (const row of rows) parseInto(row, out);
  return out;
}

/**
 * A product job has no dead letter: whatever Centra fails, by alias or by refusing the id, is an `error`, retried.
 * `unreadable`: Centra answered in a shape we cannot read, so a retry gives the same answer (an alert instead).
 */
export type FetchedProduct =
  Exclude<Fetched<{ product: CentraProduct }>, { status: 'rejected' | 'document_rejected' }> | { status: 'unreadable'; message: string };

/** Many products in one request, one alias each; one failing alias does not fail the others (fetch-by-alias.ts). */
export async function fetchProductsById(client: CentraClient, ids: readonly number[]): Promise<Map<number, FetchedProduct>> {
  const answers = await fetchByAlias(client, ids, { alias: (id) => `p${id}`, build: buildProductsByIdQuery, noun: 'product', read: readProduct });
  const out = new Map<number, FetchedProduct>();
  for (const [id, answer] of answers) {
    out.set(id, answer.status === 'rejected' || answer.status === 'document_rejected' ? { status: 'error', message: answer.message } : answer);
  }
  return out;
}

/** `product(id)` answers null when Centra has no such product. */
function readProduct(row: unknown): FetchedProduct {
  if (row === null) return { status: 'not_found' };
  const parsed = CentraProductSchema.safeParse(row);
  return parsed.success ? { status: 'found', product: parsed.data } : { status: 'unreadable', message: issueText(parsed.error.issues[0]) };
}

/** Parses one product row into `out.products`, or reports it in `out.unreadable`. */
export function parseInto(row: unknown, out: ProductPage): void {
  const parsed = CentraProductSchema.safeParse(row);
  if (parsed.success) out.products.push(parsed.data);
  else out.unreadable.push({ id: (row as { id?: number } | null)?.id, message: issueText(parsed.error.issues[0]) });
}

const issueText = (issue: { path: PropertyKey[]; message: string } | undefined): string =>
  `unexpected product shape: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
