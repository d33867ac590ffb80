import { escapeHtml } from '../server/status/html.js';
import { SNIPPET } from '../tracker/snippet.js';

/** One style-colour of the demo catalogue, with its sizes (ids per docs/design.md D2). */
export interface StorefrontProduct {
  name: string;
  /** Style-colour key: the Ometria product id. */
  productSku: string;
  price: number;
  currency: string;
  sizes: Array<{ sku: string; label: string }>;
}

export interface StorefrontPageInput {
  /** Where tracker.js and /collect live; '' = this page's own origin (the sandbox). */
  companionUrl: string;
  /** data-store: the Ometria store id. */
  store: string;
  products: StorefrontProduct[];
  /** The product shown, by productSku; none = the product list. */
  selected?: string;
  /** Whether basket lines carry productSku; false leaves it to the server's catalogue lookup (docs/design.md D29). */
  linesWithProductSku?: boolean;
}

/** JSON inside a <script>: `<` escaped so no value can close the tag. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A demo headless storefront using the tracker exactly as a shop would (docs/design.md D28–D30): the snippet,
 * declarative product capture, addToBasket plus a full basket snapshot, identify on log-in, checkout.
 * The basket is kept in this browser's localStorage only.
 */
export function storefrontPage(input: StorefrontPageInput): string {
  const product = input.products.find((p) => p.productSku === input.selected);
  const list = input.products
    .map((p) => `<li><a href="?product=${encodeURIComponent(p.productSku)}">${escapeHtml(p.name)}</a> ${escapeHtml(p.price)} ${escapeHtml(p.currency)}</li>`)
    .join('');
  const detail = product
    ? `<section data-ometria-product-sku="${escapeHtml(product.productSku)}"><h2>${escapeHtml(product.name)}</h2>
<p>${escapeHtml(product.price)} ${escapeHtml(product.currency)} · product ${escapeHtml(product.productSku)}</p>
<select id="size">${product.sizes.map((s) => `<option value="${escapeHtml(s.sku)}">${escapeHtml(s.label)} (${escapeHtml(s.sku)})</option>`).join('')}</select>
<button id="add-to-basket">Add to basket</button></section>`
    : `<section><h2>Products</h2><ul id="products">${list}</ul></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo storefront</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:760px}section,aside{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}button{margin-left:.5rem}code{background:#f3f3f3;padding:0 .3em}</style>
<script>${SNIPPET}</script>
<script async src="${escapeHtml(input.companionUrl)}/tracker.js" data-endpoint="${escapeHtml(input.companionUrl)}/collect" data-store="${escapeHtml(input.store)}" data-require-consent="false"></script>
</head><body>
<h1>Demo storefront <small>(${escapeHtml(input.store)})</small></h1>
<p><a href="?">All products</a> · events go to <code>${escapeHtml(input.companionUrl || '')}/collect</code>; what Ometria received: <a href="${escapeHtml(input.companionUrl)}/sandbox/ometria">/sandbox/ometria</a></p>
${detail}
<aside><h2>Basket</h2><ul id="basket"></ul><p id="total"></p>
<form id="login"><input id="email" type="email" placeholder="you@example.com" required> <input id="customer-id" placeholder="Centra customer id (optional)"><button>Log in</button></form>
<p><button id="checkout">Checkout</button> <a id="leave" href="?left=1">Continue shopping</a></p>
<p id="queue"></p></aside>
<script>
const PRODUCT = ${scriptJson(product ?? null)}, WITH_PRODUCT_SKU = ${input.linesWithProductSku !== false};
const load = () => JSON.parse(localStorage.getItem('demo:basket') || '{"lines":[]}');
const basket = load();
basket.id = basket.id || 'sel-' + Math.random().toString(16).slice(2, 10);
const render = () => {
  document.getElementById('basket').innerHTML = basket.lines.map((l) => '<li>' + l.quantity + ' × ' + l.name + ' (' + l.sku + ')</li>').join('') || '<li>empty</li>';
  document.getElementById('total').textContent = basket.lines.length ? 'Total ' + basket.total + ' ' + basket.currency : '';
};
const snapshot = () => ({ id: basket.id, currency: basket.currency || 'GBP', total: basket.total || 0, url: location.origin + location.pathname + '?basket=' + basket.id,
  lines: basket.lines.map((l) => ({ sku: l.sku, productSku: WITH_PRODUCT_SKU ? l.productSku : undefined, quantity: l.quantity, unitPrice: l.unitPrice, name: l.name })) });
document.getElementById('add-to-basket')?.addEventListener('click', () => {
  const sku = document.getElementById('size').value;
  const line = basket.lines.find((l) => l.sku === sku);
  if (line) line.quantity++;
  else basket.lines.push({ sku, productSku: PRODUCT.productSku, quantity: 1, unitPrice: PRODUCT.price, name: PRODUCT.name });
  basket.currency = PRODUCT.currency;
  basket.total = basket.lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0);
  localStorage.setItem('demo:basket', JSON.stringify(basket));
  centraOmetria('addToBasket', { sku, productSku: WITH_PRODUCT_SKU ? PRODUCT.productSku : undefined, quantity: 1 });
  centraOmetria('basket', snapshot());
  render();
});
document.getElementById('login').addEventListener('submit', (e) => {
  e.preventDefault();
  centraOmetria('identify', { email: document.getElementById('email').value, customerId: document.getElementById('customer-id').value || undefined });
  e.target.insertAdjacentHTML('afterend', '<p id="logged-in">Logged in.</p>');
});
document.getElementById('checkout').addEventListener('click', () => centraOmetria('checkout'));
setInterval(() => {
  const n = JSON.parse(localStorage.getItem('centraOmetria:v1:queue') || '[]').length;
  document.getElementById('queue').textContent = n ? n + ' event(s) waiting to be sent' : 'All events sent.';
}, 300);
render();
</script></body></html>`;
}
