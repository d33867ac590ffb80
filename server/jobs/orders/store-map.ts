/** docs/design.md D21: Centra market id → Ometria store id, with "*" as the fallback. */
export function resolveOmetriaStore(map: Readonly<Record<string, string>>, marketId: number | undefined): string | undefined {
  return (marketId !== undefined ? map[String(marketId)] : undefined) ?? map['*'];
}

/**
 * The Ometria store an order carries (docs/design.md D21): its market's, else the fallback's; with neither, no
 * store when OMETRIA_STORE_MAP_OPTIONAL is set (`{ ometriaStore: undefined }`), or `unmapped` (dead-lettered).
 */
export function orderStore(
  ctx: { storeMap: Readonly<Record<string, string>>; storeMapOptional: boolean },
  marketId: number | undefined,
): { ometriaStore: string | undefined } | 'unmapped' {
  const ometriaStore = resolveOmetriaStore(ctx.storeMap, marketId);
  return ometriaStore !== undefined || ctx.storeMapOptional ? { ometriaStore } : 'unmapped';
}
