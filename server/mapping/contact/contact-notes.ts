import type { CentraCustomer } from '../../centra/customers/centra-customer.js';
import { ometriaGender } from './customer-gender.js';
import { customerPhone } from './customer-phone.js';

/**
 * Why a value Centra holds was left out of the contact, for the log or an alert. Names the customer id and
 * the field, never the value (PII).
 */
export function customerContactNotes(customers: readonly CentraCustomer[]): string[] {
  const notes: string[] = [];
  for (const customer of [...customers].sort((a, b) => a.id - b.id)) {
    if (customer.phoneNumber?.trim() && !customerPhone(customer.phoneNumber)) {
      notes.push(`customer ${customer.id}: phone number dropped, not in international E.164 form (+ and country code)`);
    }
    if (customer.gender?.trim() && !ometriaGender(customer.gender)) {
      notes.push(`customer ${customer.id}: gender left out, value not one Ometria's f/m/o can say`);
    }
  }
  return notes;
}
