import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { listenFailure } from './start-up-error.js';

/**
 * Binds `app` to host:port. Rejects with a StartUpError naming the port (in use, privileged) or host, and leaves
 * no listener behind. Not Express's app.listen: Express 5 calls its callback on error too, as if bound.
 */
export function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    const failed = (error: Error) => reject(listenFailure(port, host, error) ?? error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}

/**
 * Rejects as `listen` would if host:port cannot be bound now, and leaves it free again. For start-ups with heavy
 * work before their bind (the sandbox's simulators and store wipe): a port in use fails before any of it.
 * Port 0 always binds, so it is not probed.
 */
export function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: Error) => reject(listenFailure(port, host, error) ?? error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
