// Which `Host` names the page's server answers. A page on another site can point a name it owns at 127.0.0.1 (DNS
// rebinding) and then read the relay as if it were that site, so only the names the server was started for pass:
// its bind address, `localhost`, and any the user adds.
import { RelayRefusal } from './refusal.js';

/** A host name (or bracketed IPv6 literal) and an optional port: nothing else may be in a `Host` header. */
const HOST_SYNTAX = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

interface HostName {
  name: string;
  /** undefined when none was written */
  port: number | undefined;
}

/** `name[:port]`, lower-cased; undefined when it is not one. */
function parseHost(value: string): HostName | undefined {
  const match = HOST_SYNTAX.exec(value);
  if (!match) return undefined;
  const port = match[1] === undefined ? undefined : Number(match[1]);
  if (port !== undefined && port > 65_535) return undefined;
  const name = (port === undefined ? value : value.slice(0, value.lastIndexOf(':'))).toLowerCase();
  return { name, port };
}

/**
 * A check of the `Host` header for a server bound to 127.0.0.1:`port`. `extra` names more hosts: `name:port` allows
 * that name on that port only, a bare `name` on any port (a reverse proxy in front usually sends no port).
 * An entry that is not a host name throws, so a typo in a flag is said at start rather than refusing every call.
 */
export function hostCheck(port: number, extra: readonly string[] = []): (header: string | undefined) => void {
  const allowed: HostName[] = [
    { name: '127.0.0.1', port },
    { name: 'localhost', port },
  ];
  for (const entry of extra) {
    const parsed = parseHost(entry.trim());
    if (!parsed)
      throw new TypeError(`Not a host name: ${JSON.stringify(entry)} (expected name or name:port)`);
    allowed.push(parsed);
  }
  return (header) => {
    if (header === undefined || header === '')
      throw new RelayRefusal({ status: 400, detail: 'The request has no Host header.' });
    const host = parseHost(header);
    if (!host)
      throw new RelayRefusal({
        status: 400,
        detail: `The Host header ${JSON.stringify(header)} is malformed.`,
      });
    // Without a port, the client spoke to port 80.
    const hostPort = host.port ?? 80;
    const known = allowed.some(
      (entry) => entry.name === host.name && (entry.port === undefined || entry.port === hostPort),
    );
    if (!known) {
      throw new RelayRefusal({
        status: 421,
        detail: `This server does not answer for the host ${JSON.stringify(header)}; start it with --allowed-host to add a name.`,
      });
    }
  };
}
