/** docs/design.md D21: Centra market id → Ometria store id, with "*" as the fallback. */
export function resolveOmetriaStore(map: Readonly<Record<string, string>>, marketId: number | undefined): string | undefined {
  return (marketId !== undefined ? map[String(marketId)] : undefined) ?? map['*'];
}
