import type { Alerter } from '../../alerts/alerter.js';
import type { KeyCollision } from '../../mapping/product/product-mapping-context.js';

/** decisions.md 2: two Centra variants (or sizes) that give one Ometria id are an alert for ecommerce. */
export function raiseCollisionAlert(alerter: Alerter, collision: KeyCollision): Promise<void> {
  const [kept, ...dropped] = collision.owners;
  return alerter.raise({
    fingerprint: `product-key-collision:${collision.id}`,
    kind: 'product_key_collision',
    entity: `product ${collision.id}`,
    team: 'ecommerce',
    message: `Ometria product id ${collision.id} comes from more than one Centra item: ${kept} is sent, ${dropped.join(', ')} is not.`,
    cause: 'Product number + variant number (or the size SKU) is the same for two Centra items, e.g. "P1"+"23" and "P12"+"3".',
    action: 'Give one of them another product, variant or size number in Centra; the next catalogue sync sends both.',
    details: collision,
  });
}
