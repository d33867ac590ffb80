import type { CentraAddress } from '../../centra/orders/centra-order.js';
import type { OmetriaAddress } from '../../ometria/ometria-records.js';
import { definedOnly } from './defined-only.js';
import { NAME_MAX_LENGTH } from './ometria-limits.js';
import { cleanText } from './text.js';

/**
 * The address fields Ometria uses for segmentation; street lines, email and phone are not sent.
 * State: Centra's state code when the country has a state list, else the free-text stateOrProvince.
 * Country: ISO alpha-2 upper-cased; anything else is dropped. Undefined when nothing is left.
 */
export function mapAddress(address: CentraAddress | null | undefined): OmetriaAddress | undefined {
  if (!address) return undefined;
  const country = cleanText(address.country?.code)?.toUpperCase();
  const mapped = definedOnly({
    firstname: cleanText(address.firstName, NAME_MAX_LENGTH),
    lastname: cleanText(address.lastName, NAME_MAX_LENGTH),
    city: cleanText(address.city),
    state: cleanText(address.state?.code) ?? cleanText(address.stateOrProvince),
    postcode: cleanText(address.zipCode),
    country_code: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
  });
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}
