import type { CentraClient } from '../centra-client.js';
import { CentraProductSchema, type CentraProduct } from './centra-product.js';
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
  if (!Array.isArray(rows)) throw new Error(`Centra returned no products page: ${res.errors[0]?.message ?? 'empty answer'}`);
  const out: ProductPage = { products: [], unreadable: [], rows: rows.length };
  for (const row of rows) parseInto(row, out);
  return out;
}

export type FetchedProduct =
  | { status: 'found'; product: CentraProduct }
  | { status: 'not_found' }
  /** Centra failed this alias: worth a retry. */
  | { status: 'error'; message: string }
  /** Centra answered in a shape we cannot read: a retry gives the same answer. */
  | { status: 'unreadable'; message: string };

/** Many products in one request, one alias each; one failing alias does not fail the others. */
export async function fetchProductsById(client: CentraClient, ids: readonly number[]): Promise<Map<number, FetchedProduct>> {
  const res = await client.request<Record<string, unknown>>(buildProductsByIdQuery(ids));
  const out = new Map<number, FetchedProduct>();
  for (const id of ids) {
    const aliasError = res.errors.find((e) => e.path?.[0] === `p${id}`);
    const row = res.data?.[`p${id}`];
    if (aliasError || row === undefined) {
      out.set(id, { status: 'error', message: aliasError?.message ?? res.errors[0]?.message ?? 'no data for this product in the response' });
      continue;
    }
    if (row === null) {
      out.set(id, { status: 'not_found' });
      continue;
    }
    const parsed = CentraProductSchema.safeParse(row);
    out.set(id, parsed.success ? { status: 'found', product: parsed.data } : { status: 'unreadable', message: issueText(parsed.error.issues[0]) });
  }
  return out;
}

/** Parses one product row into `out.products`, or reports it in `out.unreadable`. */
export function parseInto(row: unknown, out: ProductPage): void {
  const parsed = CentraProductSchema.safeParse(row);
  if (parsed.success) out.products.push(parsed.data);
  else out.unreadable.push({ id: (row as { id?: number } | null)?.id, message: issueText(parsed.error.issues[0]) });
}

const issueText = (issue: { path: PropertyKey[]; message: string } | undefined): string =>
  `unexpected product shape: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
