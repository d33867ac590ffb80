import type { Request, Response } from 'express';

/**
 * Whether a /collect request's Origin may post: one of TRACKER_ALLOWED_ORIGINS, or the companion's own origin
 * (the sandbox storefront). Browsers send Origin on every POST, so a request without one is not a tracker's.
 */
export function originAllowed(req: Request, allowed: readonly string[]): boolean {
  const origin = req.get('origin');
  if (!origin) return false;
  return allowed.includes(origin) || origin === `${req.protocol}://${req.get('host')}`;
}

/**
 * CORS headers on EVERY /collect response, refusals included: the tracker can then read a 4xx and stop
 * retrying (an opaque failure looks like a network error, which it retries). Echoing a refused origin reveals
 * nothing but the refusal.
 */
export function setCorsHeaders(req: Request, res: Response): void {
  const origin = req.get('origin');
  res.vary('Origin');
  if (!origin) return;
  res.set({
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '86400',
  });
}
