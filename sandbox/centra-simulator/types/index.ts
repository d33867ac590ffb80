export type * from './common.js';
export type * from './setup.js';
export type * from './order.js';
export type * from './customer.js';
export type * from './after-sale.js';
export type * from './catalogue.js';
export type * from './newsletter.js';
