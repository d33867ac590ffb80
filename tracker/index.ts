/**
 * IIFE entry (dist/tracker.js): reads its configuration from its own script tag and installs
 * window.centraOmetria (docs/design.md D28):
 *   <script async src=".../tracker.js" data-endpoint="https://companion.example.com/collect"
 *           data-store="example.com/uk" data-require-consent="false"></script>
 */
import { install } from './core.js';

try {
  const s = (document.currentScript || document.querySelector('script[data-store]')) as HTMLScriptElement | null;
  const d = (s && s.dataset) || {};
  install({ endpoint: d.endpoint, store: d.store || '', requireConsent: d.requireConsent == 'true' });
} catch {
  // never break the page
}
