export { normaliseIdPart, productKey, variantKey } from './product-ids.js';
export { attributeId, brandAttributeId, categoryAttributeId, collectionAttributeId, parseAttributeId, type AttributeKind } from './attribute-ids.js';
