// The built page (dist/page: index.html, app.js, app.css) as a web-standard handler, with a Content-Security-Policy
// that lets the page talk to its own origin (the relay) and nowhere else.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RequestHandler } from './relay.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

/** Serves the files of `dir` by name; `/` is `index.html`. Nothing outside `dir` can be named. */
export function pageFiles(dir: string): RequestHandler {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const name = path === '/' ? 'index.html' : path.slice(1);
    const type = TYPES[extname(name)];
    if (request.method !== 'GET' || !/^[\w.-]+$/.test(name) || name.startsWith('.') || !type) {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    try {
      const body = await readFile(join(dir, name));
      return new Response(body, {
        headers: { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-cache' },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
  };
}
