/** Word lists for seeded names. Some names carry non-ASCII letters on purpose (Ö, é, ø). */
export const FIRST_NAMES = [
  'Ada',
  'Alva',
  'Björn',
  'Chloé',
  'Elin',
  'Erik',
  'Freja',
  'Hugo',
  'Isak',
  'Jonas',
  'Karin',
  'Liam',
  'Maja',
  'Nils',
  'Noor',
  'Oscar',
  'Priya',
  'Sofia',
  'Tomas',
  'Wilma',
  'Zoë',
  'Amara',
  'Ben',
  'Grace',
];
export const LAST_NAMES = [
  'Andersson',
  'Berg',
  'Carter',
  'Dahl',
  'Ekström',
  'Fischer',
  'Green',
  'Holm',
  'Khan',
  'Lind',
  'Møller',
  'Nyström',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Smith',
  'Taylor',
  'Öberg',
  'Walsh',
];
export const PRODUCT_ADJECTIVES = [
  'Linen',
  'Wool',
  'Cotton',
  'Relaxed',
  'Slim',
  'Cropped',
  'Oversized',
  'Ribbed',
  'Organic',
  'Washed',
  'Merino',
  'Pleated',
  'Quilted',
  'Classic',
];
export const PRODUCT_NOUNS = [
  'Shirt',
  'Tee',
  'Trousers',
  'Jacket',
  'Sweater',
  'Dress',
  'Skirt',
  'Cardigan',
  'Coat',
  'Jeans',
  'Hoodie',
  'Scarf',
  'Beanie',
  'Tote',
];
export const COLOURS = [
  ['BLK', 'Black'],
  ['WHT', 'White'],
  ['NVY', 'Navy'],
  ['GRY', 'Grey'],
  ['OLV', 'Olive'],
  ['BEI', 'Beige'],
  ['RST', 'Rust'],
  ['SKY', 'Sky Blue'],
  ['FOR', 'Forest'],
  ['BUR', 'Burgundy'],
  ['SND', 'Sand'],
  ['CHR', 'Charcoal'],
] as const;
export const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL'];
/** GBP prices; SEK is derived (×13, ending in 9). */
export const GBP_PRICES = [19, 25, 29, 35, 39, 49, 59, 69, 79, 89, 99, 129, 149, 199];

const ASCII: Record<string, string> = { ö: 'o', ä: 'a', å: 'a', ø: 'o', é: 'e', ë: 'e' };
/** Emails stay ASCII even for names that are not. */
export const emailPart = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, (c) => ASCII[c] ?? '');

/** EAN-13 with a valid check digit, from a 12-digit body. */
export function ean13(body: string): string {
  const digits = body.padStart(12, '0').slice(-12);
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + String((10 - (sum % 10)) % 10);
}
