/** Who has to act on a mapping failure: ecommerce fixes data in Centra, developers fix this code or its config. */
export type MappingOwner = 'ecommerce' | 'developers';

export interface MappingErrorDetails {
  /** Centra order number, when the failing record comes from an order. */
  orderNumber?: number;
  /** Centra order line id, when one line is at fault. */
  lineId?: number;
  problem: string;
  owner: MappingOwner;
  /** What the owner should do, in words they use ("give the size a SKU in Centra"). */
  action: string;
}

/**
 * A Centra record that cannot become a valid Ometria record. Not retryable: the same input fails the same way,
 * so the caller dead-letters it with an alert carrying this message, which is written to be read by the owner.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly orderNumber: number | undefined;
  readonly lineId: number | undefined;
  readonly owner: MappingOwner;

  constructor(details: MappingErrorDetails) {
    super(`${subject(details)}: ${details.problem}. ${details.owner}: ${details.action}`);
    this.orderNumber = details.orderNumber;
    this.lineId = details.lineId;
    this.owner = details.owner;
  }
}

function subject({ orderNumber, lineId }: MappingErrorDetails): string {
  const order = orderNumber === undefined ? 'Centra record' : `Centra order ${orderNumber}`;
  return lineId === undefined ? order : `${order}, line ${lineId}`;
}
