// The built page (dist/page: index.html, app.js, app.css) as a web-standard handler, with a Content-Security-Policy
// that lets the page talk to its own origin (the relay) and nowhere else, and lets no other site frame it.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RequestHandler } from './relay.js';
import { PAGE_CSP, secureHeaders } from './security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

const notFound = () =>
  new Response('Not found', { status: 404, headers: secureHeaders({ 'content-type': 'text/plain' }) });

/** Serves the files of `dir` by name; `/` is `index.html`. Nothing outside `dir` can be named. */
export function pageFiles(dir: string): RequestHandler {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const name = path === '/' ? 'index.html' : path.slice(1);
    const type = TYPES[extname(name)];
    if (request.method !== 'GET' || !/^[\w.-]+$/.test(name) || name.startsWith('.') || !type) {
      return notFound();
    }
    try {
      const body = await readFile(join(dir, name));
      return new Response(body, {
        headers: secureHeaders({ 'content-type': type, 'cache-control': 'no-cache' }, PAGE_CSP),
      });
    } catch {
      return notFound();
    }
  };
}
