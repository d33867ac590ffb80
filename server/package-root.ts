import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found by walking up to package.json: the same from `server/` sources and `dist/server/`. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Contract files (Centra SDL, Ometria OpenAPI) copied from the references so a clone is self-contained. */
export const contractPath = (name: 'centra-integration.graphql' | 'ometria-openapi.json'): string => join(packageRoot(), 'contracts', name);
