import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { packageRoot } from '../package-root.js';

/** Browsers and CDNs may keep the script this long, s: a new build reaches every storefront within minutes. */
const MAX_AGE_S = 300;

/**
 * GET /tracker.js: the built bundle (`dist/tracker.js`, `npx rollup -c`) in every mode, since storefronts load
 * it from the companion (docs/design.md D28). Read once; a missing build is looked for again on the next request.
 */
export function trackerScriptRouter(path: string = join(packageRoot(), 'dist', 'tracker.js')): Router {
  const router = express.Router();
  let script: string | undefined;
  router.get('/tracker.js', (_req, res) => {
    try {
      script ??= readFileSync(path, 'utf8');
    } catch {
      res.status(404).json({ error: 'the tracker bundle is not built; run `npx rollup -c` (or `npm run build`)' });
      return;
    }
    res
      .type('application/javascript')
      .set({ 'Cache-Control': `public, max-age=${MAX_AGE_S}`, 'Cross-Origin-Resource-Policy': 'cross-origin' })
      .send(script);
  });
  return router;
}
