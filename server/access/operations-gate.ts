import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/http-errors.js';
import type { AccessPolicy } from './access-policy.js';
import { csrfKey, csrfToken, verifySession } from './admin-session.js';
import { renderAccessPage } from './login-page.js';
import { sameSecret } from './same-secret.js';
import { readSessionCookie } from './session-cookie.js';

/** How a request was let in; kept in res.locals for the page (forms, the logout button). */
export type Grant = { by: 'open' } | { by: 'bearer' } | { by: 'session'; session: string };

export const CLOSED_MESSAGE =
  'the operations pages and admin actions are disabled: set ADMIN_TOKEN to enable them (production never serves them without a token)';
const NEEDS_ADMIN = 'this needs ADMIN_TOKEN: send Authorization: Bearer <ADMIN_TOKEN>, or log in on /status';
const WRONG_ADMIN = "wrong token: Authorization: Bearer must carry this service's ADMIN_TOKEN";
const CSRF_MESSAGE = "refused: the form's CSRF token is missing or does not belong to your session; reload /status and try again";

export interface OperationsGate {
  /** GET /status: the login form (401) or the closed page (403) instead of the dashboard. */
  page: RequestHandler;
  /** GET /status.json and other admin reads: 401/403 as JSON. */
  api: RequestHandler;
  /** GET /metrics: METRICS_TOKEN or anything that opens the admin pages. */
  metrics: RequestHandler;
  /** POST admin actions (after the body is parsed): a bearer, or a session or the open sandbox with the form's CSRF token. */
  action: RequestHandler;
}

/** The grant of a request that passed a gate. */
export const grantOf = (res: Response): Grant | undefined => res.locals.grant as Grant | undefined;

/** The CSRF token forms on this response must carry; undefined for a bearer client (it posts with its bearer). */
export function formCsrf(policy: AccessPolicy, res: Response): string | undefined {
  const grant = grantOf(res);
  if (grant?.by === 'session') return csrfToken(csrfKey(policy.adminToken), grant.session);
  if (grant?.by === 'open') return csrfToken(csrfKey(undefined), 'open');
  return undefined;
}

/** A browser's form post (it asks for HTML): a refusal is shown as a page it can act on, not as JSON. */
const fromBrowser = (req: Request): boolean => /\btext\/html\b/.test(req.get('accept') ?? '');
const SESSION_LOST = 'Your session has expired or was never opened, so nothing was done: log in again, then repeat the action.';
const STALE_FORM = 'That form was older than your session, so nothing was done: log in again, then repeat the action.';

const bearerOf = (req: Request): string | undefined => /^Bearer\s+(\S.*)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();

/**
 * The gates of /status, /status.json, /metrics and /admin/* (issue 15, item 3). The sandbox on loopback is open;
 * otherwise ADMIN_TOKEN opens everything (bearer, or the session cookie of the login form) and METRICS_TOKEN
 * opens /metrics. Unset ADMIN_TOKEN in production closes the pages (403) rather than opening them.
 */
export function operationsGate(policy: AccessPolicy, now: () => number): OperationsGate {
  /** The token check alone: the grant, or the refusal as [status, message]. */
  const check = (req: Request): Grant | [401 | 403, string] => {
    if (!policy.adminToken) return [403, CLOSED_MESSAGE];
    const bearer = bearerOf(req);
    if (bearer !== undefined) return sameSecret(bearer, policy.adminToken) ? { by: 'bearer' } : [401, WRONG_ADMIN];
    const session = readSessionCookie(req);
    if (session !== undefined && verifySession(policy.adminToken, req.baseUrl, session, now())) return { by: 'session', session };
    return [401, NEEDS_ADMIN];
  };
  const admit = (req: Request): Grant | [401 | 403, string] => (policy.open ? { by: 'open' } : check(req));

  return {
    page(req, res, next) {
      const result = admit(req);
      if (Array.isArray(result)) {
        const [status, message] = result;
        res
          .status(status)
          .type('html')
          .send(renderAccessPage({ baseUrl: req.baseUrl, closed: status === 403, message: status === 403 ? message : undefined }));
        return;
      }
      res.locals.grant = result;
      next();
    },
    api(req, res, next) {
      const result = admit(req);
      if (Array.isArray(result)) throw new HttpError(result[0], result[1]);
      res.locals.grant = result;
      next();
    },
    metrics(req, _res, next) {
      if (policy.open) return next();
      const bearer = bearerOf(req);
      if (bearer !== undefined && policy.metricsToken !== undefined && sameSecret(bearer, policy.metricsToken)) return next();
      if (!policy.metricsToken && !policy.adminToken)
        throw new HttpError(403, '/metrics is disabled: set METRICS_TOKEN (for a scraper) or ADMIN_TOKEN to enable it');
      if (Array.isArray(check(req))) throw new HttpError(401, 'wrong or missing token: /metrics needs Authorization: Bearer <METRICS_TOKEN or ADMIN_TOKEN>');
      next();
    },
    action(req, res, next) {
      const bearer = bearerOf(req);
      // In the open sandbox a bearer is checked only when ADMIN_TOKEN is set; a form there still needs its CSRF token.
      const result: Grant | [401 | 403, string] = policy.open
        ? bearer !== undefined && policy.adminToken
          ? check(req)
          : { by: bearer === undefined ? 'open' : 'bearer' }
        : check(req);
      if (Array.isArray(result)) {
        if (bearer === undefined && fromBrowser(req)) return void refusePage(req, res, result, SESSION_LOST);
        throw new HttpError(result[0], result[1]);
      }
      res.locals.grant = result;
      // An Authorization header cannot come from another site's form, so only cookie and open requests need CSRF.
      if (result.by !== 'bearer') {
        const body = req.body as { csrf?: unknown } | undefined;
        const given = typeof body?.csrf === 'string' ? body.csrf : '';
        if (!sameSecret(given, formCsrf(policy, res)!)) {
          if (fromBrowser(req)) return void refusePage(req, res, [403, CSRF_MESSAGE], STALE_FORM);
          throw new HttpError(403, CSRF_MESSAGE);
        }
      }
      next();
    },
  };
}

/** The login page with what went wrong; the closed page when ADMIN_TOKEN is unset in production. */
function refusePage(req: Request, res: Response, [status, message]: [401 | 403, string], error: string): void {
  const closed = message === CLOSED_MESSAGE;
  res
    .status(status)
    .type('html')
    .send(renderAccessPage({ baseUrl: req.baseUrl, closed, message: closed ? message : undefined, error: closed ? undefined : error }));
}
