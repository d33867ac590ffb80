/**
 * The inline snippet storefronts paste before the async tracker script (docs/tracker.md, "The snippet"). It stubs
 * `centraOmetria(...)` and every public method, queueing calls in `centraOmetria.q` until the script loads and
 * replays them (install.ts). Not part of the bundle: the sandbox storefront, the docs and the tests use it.
 */

/** Every public method of the tracker (a test asserts this matches the tracker's API). */
export const SNIPPET_METHODS = 'productView collectionView basket addToBasket removeFromBasket identify checkout orderComplete consent';

/** ES5, so it parses in any browser; the stubs push to the live `window.centraOmetria.q`, so a kept reference still works after load. */
export const SNIPPET =
  '!function(w,n){var c=w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};c.q=c.q||[];' +
  `"${SNIPPET_METHODS}".split(" ").forEach(function(m){c[m]=c[m]||function(){w[n].q.push([m].concat([].slice.call(arguments)))}})}(window,"centraOmetria")`;
