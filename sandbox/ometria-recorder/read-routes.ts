import { Router, type Request, type Response } from 'express';
import { readFlag, readPage } from './list-query.js';
import type { RecorderContext } from './recorder-context.js';
import { respond } from './respond.js';
import { errorReply, type Reply } from './reply.js';

type Rec = Record<string, unknown>;

/** Read-back endpoints of docs/design.md O9, answering from the store; they run after the gate. */
export function createReadRouter(ctx: RecorderContext): Router {
  const router = Router();
  const get = (path: string, answer: (req: Request) => Reply) => router.get(path, (req: Request, res: Response) => respond(ctx, res, answer(req)));
  get('/push/_errors', () => ({ status: 200, body: ctx.errors.list() }));
  get('/orders', (req) => list(ctx.store.all('order'), req.query));
  get('/orders/:id', (req) => one(ctx.store.get('order', param(req, 'id')), 'order'));
  get('/contacts/:collection/:id', (req) => one(ctx.store.get('contact', param(req, 'id'), param(req, 'collection')), 'contact'));
  get('/products', (req) => list(filterProducts(ctx.store.all('product'), req.query), req.query, 250));
  get('/products/:id', (req) => one(ctx.store.get('product', param(req, 'id')), 'product'));
  get('/custom-events/:type/:id', (req) => {
    const event = ctx.store.get('custom_event', param(req, 'id'));
    return one(event?.event_type === param(req, 'type') ? event : undefined, 'custom event');
  });
  return router;
}

const param = (req: Request, name: string): string => String(req.params[name] ?? '');

const one = (record: Rec | undefined, what: string): Reply => (record ? { status: 200, body: record } : errorReply(404, `${what} not found`));

function list(records: Rec[], query: Rec, maxLimit?: number): Reply {
  const page = readPage(query, maxLimit);
  if (!page.ok) return errorReply(400, page.message);
  return { status: 200, body: records.slice(page.offset, page.offset + page.limit) };
}

/** `GET /products` hides variants unless `includeVariants=true` (docs/design.md O7). */
function filterProducts(products: Rec[], query: Rec): Rec[] {
  const withVariants = readFlag(query.includeVariants) === true;
  const active = readFlag(query.active);
  return products.filter((p) => (withVariants || p.is_variant !== true) && (active === undefined || (p.is_active !== false) === active));
}
