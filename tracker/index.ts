/**
 * IIFE entry (dist/tracker.js): reads its configuration from its own script tag and installs
 * window.centraOmetria (docs/tracker.md):
 *   <script async src=".../tracker.js" data-endpoint="https://companion.example.com/collect"
 *           data-store="example.com/uk" data-require-consent="false" [data-debug]></script>
 */
import { install } from './install.js';

try {
  const s = (document.currentScript || document.querySelector('script[data-store]')) as HTMLScriptElement | null;
  const d = s?.dataset || {};
  install({
    endpoint: d.endpoint,
    store: d.store || '',
    requireConsent: d.requireConsent == 'true',
    debug: d.debug != null && d.debug != 'false',
  });
} catch {
  // never break the page
}
