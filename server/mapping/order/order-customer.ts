import type { CentraOrder } from '../../centra/orders/centra-order.js';
import type { OmetriaOrder } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { NAME_MAX_LENGTH } from '../common/ometria-limits.js';
import { cleanText } from '../common/text.js';

/**
 * The order's link to its Ometria contact: `id` is the contact key (docs/design.md D1), so Ometria joins the
 * order to the contact pushed before it. Email and names come from the Centra customer, else from the billing
 * address (wholesale orders have no customer). Email is trimmed but kept as typed, like the contact's.
 */
export function orderCustomer(order: CentraOrder, contactKey: string): NonNullable<OmetriaOrder['customer']> {
  const customer = order.customer;
  const billing = order.billingAddress;
  return definedOnly({
    id: contactKey,
    email: cleanText(customer?.email) ?? cleanText(billing?.email),
    firstname: cleanText(customer?.firstName, NAME_MAX_LENGTH) ?? cleanText(billing?.firstName, NAME_MAX_LENGTH),
    lastname: cleanText(customer?.lastName, NAME_MAX_LENGTH) ?? cleanText(billing?.lastName, NAME_MAX_LENGTH),
  });
}
