import { z } from 'zod';
import type { CentraClient } from '../centra/centra-client.js';

/** Stores, markets and pricelists: what `init` proposes OMETRIA_STORE_MAP and CATALOGUE_STORES from. */
export const SETUP_QUERY = /* GraphQL */ `
  query InitSetup {
    stores(limit: 500) {
      id
      name
      type
    }
    markets(limit: 500) {
      id
      name
      store {
        id
      }
      assignedToCountries {
        code
      }
    }
    pricelists(limit: 500) {
      id
      name
      status
      currency {
        code
      }
      store {
        id
      }
      assignedToCountries {
        code
      }
    }
  }
`;

const countries = z.array(z.object({ code: z.string().nullish() })).nullish();
const SetupSchema = z.object({
  stores: z.array(z.object({ id: z.number().int(), name: z.string().nullish(), type: z.string().nullish() })),
  markets: z.array(
    z.object({ id: z.number().int(), name: z.string().nullish(), store: z.object({ id: z.number().int() }).nullish(), assignedToCountries: countries }),
  ),
  pricelists: z.array(
    z.object({
      id: z.number().int(),
      name: z.string().nullish(),
      status: z.string().nullish(),
      currency: z.object({ code: z.string() }).nullish(),
      store: z.object({ id: z.number().int() }).nullish(),
      assignedToCountries: countries,
    }),
  ),
});
export type CentraSetup = z.infer<typeof SetupSchema>;

/** One Centra market as an Ometria store: its id `<domain>/<path>`, and the pricelist its catalogue shows. */
export interface StoreProposal {
  marketId: number;
  marketName: string;
  ometriaStore: string;
  /** undefined: no active pricelist of the market's store; the market's orders sync, its catalogue does not. */
  pricelistId: number | undefined;
  baseUrl: string;
}

export async function fetchCentraSetup(client: CentraClient): Promise<CentraSetup> {
  const res = await client.request<unknown>(SETUP_QUERY);
  const parsed = SetupSchema.safeParse(res.data);
  if (!parsed.success)
    throw new Error(
      `Centra's stores, markets and pricelists are unreadable (${res.errors[0]?.message ?? parsed.error.issues[0]?.message}); check the token's permissions`,
    );
  return parsed.data;
}

/** Direct-to-consumer markets (wholesale has no storefront), each with the path it proposes: its name, lower-cased. */
export function retailMarkets(setup: CentraSetup): Array<{ id: number; name: string; path: string }> {
  const wholesale = new Set(setup.stores.filter((s) => s.type === 'WHOLESALE').map((s) => s.id));
  return setup.markets
    .filter((m) => !m.store || !wholesale.has(m.store.id))
    .map((m) => ({ id: m.id, name: m.name ?? `market ${m.id}`, path: (m.name ?? String(m.id)).toLowerCase().replace(/[^a-z0-9-]+/g, '-') }));
}

/**
 * Per market: Ometria store `<domain>/<path>`, and the active pricelist of the market's store that shares a country
 * with it (else that store's first active one). Store ids are ≤ 32 characters (Ometria's limit), checked by config.
 */
export function proposeStores(setup: CentraSetup, domain: string, paths: ReadonlyMap<number, string>): StoreProposal[] {
  return retailMarkets(setup).map((market) => {
    const m = setup.markets.find((x) => x.id === market.id)!;
    const marketCountries = new Set((m.assignedToCountries ?? []).map((c) => c.code));
    const active = setup.pricelists.filter((p) => p.status === 'ACTIVE' && p.currency && (!m.store || !p.store || p.store.id === m.store.id));
    const pricelist = active.find((p) => (p.assignedToCountries ?? []).some((c) => marketCountries.has(c.code))) ?? active[0];
    const path = paths.get(market.id) ?? market.path;
    return {
      marketId: market.id,
      marketName: market.name,
      ometriaStore: `${domain}/${path}`,
      pricelistId: pricelist?.id,
      baseUrl: `https://${domain}/${path}/product`,
    };
  });
}
