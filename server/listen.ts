import { createServer, type RequestListener, type Server } from 'node:http';
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
