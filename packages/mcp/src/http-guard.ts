// What the HTTP transport refuses before any MCP message is read: a `Host` that is not this server's own (a page
// that rebinds its name to 127.0.0.1 would otherwise reach it as its own origin), an `Origin` of another site,
// and a request without the bearer token. Each refusal is a status and a sentence; none names the token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: number;
  message: string;
}

/** The `Host` values this server answers to on `port`. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];

const sameToken = (given: string, token: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Why `request` is refused, or undefined when it may go on. */
export function refusalOf(request: IncomingMessage, port: number, token: string): Refusal | undefined {
  const hosts = allowedHosts(port);
  const host = request.headers.host ?? '';
  if (!hosts.includes(host.toLowerCase()))
    return {
      status: 421,
      message: `This server answers to ${hosts.join(', ')} only, not to Host ${JSON.stringify(host)}.`,
    };
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`))
    return { status: 403, message: `Requests from the origin ${JSON.stringify(origin)} are not allowed.` };
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer || !sameToken(bearer, token))
    return {
      status: 401,
      message: 'Send the bearer token this server was started with: Authorization: Bearer <token>.',
    };
  return undefined;
}
