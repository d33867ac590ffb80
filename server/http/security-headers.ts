import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { STATUS_STYLE_CSP } from '../status/status-style.js';

/** Routes storefronts load from their own origin (docs/design.md D28): their responses may be read cross-origin. */
const CROSS_ORIGIN_PATH = /\/(tracker\.js|collect)$/;

/**
 * Security headers on every response (helmet): a Content-Security-Policy that allows no script, no frame, no
 * plugin and only the dashboard's own stylesheet (by hash), forms posting to this origin only; framing refused
 * (frame-ancestors 'none' and X-Frame-Options DENY, against clickjacking of the replay button); nosniff;
 * Referrer-Policy no-referrer (a /status URL never leaks to a link's target); HSTS, which browsers honour over
 * https only. Cross-Origin-Resource-Policy is same-origin except on /tracker.js and /collect, which storefronts
 * of other origins load and post to; no Cross-Origin-Embedder-Policy (it would not let a storefront embed us).
 * The sandbox's own pages (scripts by design, loopback only) replace the CSP: sandbox-router.ts.
 */
export function securityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'style-src': [STATUS_STYLE_CSP],
        'img-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const crossOrigin: RequestHandler = (req, res, next) => {
    if (CROSS_ORIGIN_PATH.test(req.path)) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  };
  return [headers, crossOrigin];
}
