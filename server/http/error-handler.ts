import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../log/logger.js';
import { HttpError } from './http-errors.js';

/** body-parser's error types → what the sender did wrong. */
const PARSER_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'body is larger than the limit'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported charset'],
  'request.aborted': [400, 'request aborted by the client'],
  'request.size.invalid': [400, 'body length does not match Content-Length'],
  'entity.parse.failed': [400, 'body is not valid JSON'],
  'entity.verify.failed': [400, 'body could not be verified'],
  'stream.encoding.set': [500, 'internal error'],
};

/** One place turns errors into replies: specific 4xx for bad input, 503 for storage, a bare 500 otherwise. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res.set(error.headers).status(error.status).json({ error: error.message });
      return;
    }
    // Express types a thrown value as any; these are the fields body-parser and http-errors set, each checked before use.
    const thrown = error as { type?: unknown; limit?: number; status?: unknown; message?: string } | null | undefined;
    const parser = typeof thrown?.type === 'string' ? PARSER_ERRORS[thrown.type] : undefined;
    if (parser) {
      res.status(parser[0]).json({ error: parser[0] === 413 && thrown?.limit ? `body is larger than the limit of ${thrown.limit} bytes` : parser[1] });
      return;
    }
    if (typeof thrown?.status === 'number' && thrown.status >= 400 && thrown.status < 500) {
      res.status(thrown.status).json({ error: String(thrown.message ?? 'bad request') });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled error while serving a request');
    res.status(500).json({ error: 'internal error' });
  };
}
