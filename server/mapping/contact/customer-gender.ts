const GENDERS: Record<string, 'f' | 'm' | 'o'> = {
  f: 'f',
  female: 'f',
  woman: 'f',
  w: 'f',
  kvinna: 'f',
  m: 'm',
  male: 'm',
  man: 'm',
  o: 'o',
  other: 'o',
  x: 'o',
  'non-binary': 'o',
  nonbinary: 'o',
};

/**
 * [INF] Centra's `gender` is a free string in the contract (possibly an enum): read case-insensitively from common
 * spellings. Anything else ("prefer not to say", unknown codes) is left out rather than sent as `o`.
 */
export function ometriaGender(gender: string | null | undefined): 'f' | 'm' | 'o' | undefined {
  const key = gender?.trim().toLowerCase().replaceAll('_', '-');
  return key ? GENDERS[key] : undefined;
}
