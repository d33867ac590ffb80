import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 free a moment ago, for a child whose default URLs derive from PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
