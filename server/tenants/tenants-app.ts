import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { errorHandler } from '../http/error-handler.js';
import { HttpError } from '../http/http-errors.js';
import { securityHeaders } from '../http/security-headers.js';
import type { Logger } from '../log/logger.js';

/** A tenant's own app (createApp): its single-tenant routes, store, secret and error handling. */
export type TenantApp = (req: Request, res: Response, next: NextFunction) => void;

/**
 * The one HTTP surface of a multi-tenant deployment. `POST /webhooks/centra/<tenant>` reaches that tenant's
 * webhook route (so its secret checks the signature and its store takes the delivery); everything else of a
 * tenant lives under `/tenants/<tenant>/…` (status, collect, tracker.js, admin, metrics). `health` answers
 * /healthz and /readyz for the whole process; `metrics` serves GET /metrics with every tenant's series.
 */
export function tenantsApp(deps: {
  tenants: ReadonlyMap<string, TenantApp>;
  health: Router;
  metrics: Router;
  logger: Logger;
  trustProxy: boolean | number | string;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY of the base configuration: the one HTTP surface decides whose X-Forwarded-For counts
  app.set('trust proxy', deps.trustProxy);
  // Also on what no tenant answers (/healthz, /readyz, 404s); each tenant's app sets the same on its routes.
  app.use(securityHeaders());
  const tenant = (id: string | undefined): TenantApp => {
    const found = id === undefined ? undefined : deps.tenants.get(id);
    // Only the id asked for: the list of tenants (brands) is not for whoever probes the URL.
    if (!found) throw new HttpError(404, `no tenant "${id ?? ''}" in this deployment`);
    return found;
  };
  app.use(deps.health);
  app.use(deps.metrics);
  app.post('/webhooks/centra/:tenant', (req, res, next) => {
    const handle = tenant(req.params.tenant);
    const query = req.url.indexOf('?');
    req.url = `/webhooks/centra${query === -1 ? '' : req.url.slice(query)}`;
    handle(req, res, next);
  });
  app.post('/webhooks/centra', () => {
    throw new HttpError(404, 'this deployment serves several tenants: Centra posts to /webhooks/centra/<tenant>');
  });
  // Mounted: the tenant's app sees /status, /collect, … with /tenants/<tenant> in req.baseUrl.
  app.use('/tenants/:tenant', (req, res, next) => tenant(req.params.tenant)(req, res, next));
  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}; a tenant's routes are under /tenants/<tenant>/` });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
