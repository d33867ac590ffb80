import { join } from 'node:path';

/** The sandbox's store: under DATA_DIR, beside (never in) a production store, emptied at every sandbox start. */
export const sandboxDataDir = (dataDir: string): string => join(dataDir, 'sandbox');

/** The sandbox's webhook secret: public on purpose, the sandbox only listens on 127.0.0.1. */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-secret';
