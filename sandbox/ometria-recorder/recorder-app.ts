import express, { type NextFunction, type Request, type Response } from 'express';
import { gate } from './gate.js';
import { handlePush } from './handle-push.js';
import { createReadRouter } from './read-routes.js';
import type { RecorderContext } from './recorder-context.js';
import { errorReply } from './reply.js';
import { respond } from './respond.js';

/** Above 100 records × 60 KB, so oversize records reach per-record validation, as at Ometria. */
const MAX_BODY = '16mb';

/** The fake Data API under `/v2`, without listening, so a sandbox can also mount it. */
export function createRecorderApp(ctx: RecorderContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/v2', logRequest(ctx));
  app.post('/v2/push', express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
    const { reply, entry } = handlePush(ctx, raw, req.get('x-ometria-auth'));
    ctx.pushes.add(entry);
    await respond(ctx, res, reply, entry.rateLimited);
  });
  app.use('/v2', async (req, res, next) => {
    const gated = gate(ctx, req.get('x-ometria-auth'), false);
    if (gated) await respond(ctx, res, gated.reply, gated.rateLimited);
    else next();
  });
  app.use('/v2', createReadRouter(ctx));
  app.use((_req: Request, res: Response) => respond(ctx, res, errorReply(404, 'Not found')));
  app.use((err: { status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    void respond(ctx, res, errorReply(err.status ?? 500, err.message ?? 'Internal error'));
  });
  return app;
}

/** Logs every `/v2` request when its connection is done; a destroyed socket logs status 0. */
function logRequest(ctx: RecorderContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const at = ctx.now();
    res.on('close', () =>
      ctx.requests.add({
        at,
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '',
        status: res.headersSent ? res.statusCode : 0,
        rateLimited: res.locals.rateLimited === true,
      }),
    );
    next();
  };
}
