import type { Request, Response } from 'express';
import { SESSION_SECONDS } from './admin-session.js';

export const SESSION_COOKIE = 'centra_ometria_session';

/** The cookie's path: the app's mount point, so each tenant's login is its own (/tenants/<id>/). */
const cookiePath = (req: Request) => `${req.baseUrl}/`;

/** The session cookie's value from the Cookie header, if any (no cookie-parser: one cookie is all we read). */
export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the request came
 * over https (directly, or through a proxy Express trusts: `trust proxy`), so a plain-http sandbox still works.
 */
export function setSessionCookie(req: Request, res: Response, value: string): void {
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: cookiePath(req), maxAge: SESSION_SECONDS * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: cookiePath(req) });
}
