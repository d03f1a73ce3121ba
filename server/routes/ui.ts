// The web UI's files: a fixed table of URL -> file, read once at start (Cytoscape.js from
// node_modules, bundled with the project: the UI works offline, no CDN). No request path
// ever reaches the file system, so there is nothing to traverse.
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** server/ui/ from this module: server/routes/ (source) or dist/server/routes/ (built). */
const UI_DIR = [
  path.resolve(fileURLToPath(import.meta.url), '../../ui'),
  path.resolve(fileURLToPath(import.meta.url), '../../../../server/ui'),
].find((d) => existsSync(path.join(d, 'index.html')))!;

const FILES: { url: string; file: () => string; type: string }[] = [
  { url: '/', file: () => path.join(UI_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  { url: '/ui/app.js', file: () => path.join(UI_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  { url: '/ui/style.css', file: () => path.join(UI_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  {
    url: '/ui/vendor/cytoscape.min.js',
    file: () => createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
];

export function uiRoutes(app: FastifyInstance): void {
  for (const f of FILES) {
    const body = readFileSync(f.file());
    app.get(f.url, { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type(f.type).send(body),
    );
  }
}
