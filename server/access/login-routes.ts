import express, { type Router } from 'express';
import type { AccessPolicy } from './access-policy.js';
import { mintSession } from './admin-session.js';
import { CLOSED_MESSAGE } from './operations-gate.js';
import { renderAccessPage } from './login-page.js';
import { sameSecret } from './same-secret.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

/** The form has one field: a token is at most a few hundred bytes. */
const FORM_LIMIT = 4096;

/**
 * POST /status/login (form field `token`): the right ADMIN_TOKEN sets the session cookie and goes back to
 * /status (303); a wrong one shows the form again with a 401. POST /status/logout clears the cookie.
 */
export function loginRouter(policy: AccessPolicy, now: () => number): Router {
  const router = express.Router();
  router.post('/status/login', express.urlencoded({ extended: false, limit: FORM_LIMIT }), (req, res) => {
    const back = `${req.baseUrl}/status`;
    if (policy.open) return void res.redirect(303, back);
    if (!policy.adminToken)
      return void res
        .status(403)
        .type('html')
        .send(renderAccessPage({ baseUrl: req.baseUrl, closed: true, message: CLOSED_MESSAGE }));
    const body = req.body as { token?: unknown } | undefined;
    const token = typeof body?.token === 'string' ? body.token.trim() : '';
    if (!sameSecret(token, policy.adminToken)) {
      res
        .status(401)
        .type('html')
        .send(renderAccessPage({ baseUrl: req.baseUrl, closed: false, error: "Wrong token: that is not this service's ADMIN_TOKEN." }));
      return;
    }
    setSessionCookie(req, res, mintSession(policy.adminToken, req.baseUrl, now()));
    res.redirect(303, back);
  });
  router.post('/status/logout', (req, res) => {
    clearSessionCookie(req, res);
    res.redirect(303, `${req.baseUrl}/status`);
  });
  return router;
}
