// Faults an app's own tests can ask the mock for, per request, with the `x-mock-fault` header:
//   drop-after=<n>          a streamed turn stops after n events and the connection is cut (any other answer:
//                           cut before it is sent); what the request did is kept, as a server that ran it would
//   stall                   the answer never comes (a stream: its headers, then silence) until the caller gives up
//   429[;retry-after=<s>]   a 429 with `Retry-After` (default 1 s); nothing is done
//   503[;retry-after=<s>]   a 503, with `Retry-After` when given; nothing is done

export const FAULT_HEADER = 'x-mock-fault';

export type Fault =
  | { kind: 'drop'; after: number }
  | { kind: 'stall' }
  | { kind: 'status'; status: 429 | 503; retryAfter: number | undefined };

export const FAULT_USAGE = 'drop-after=<n>, stall, 429[;retry-after=<s>] or 503[;retry-after=<s>]';

/** The fault a header asks for: undefined for none; an Error saying what is wrong with a header it cannot read. */
export function parseFault(header: string | string[] | undefined): Fault | undefined {
  const value = (Array.isArray(header) ? header.join(',') : header)?.trim().toLowerCase();
  if (!value) return undefined;
  const [name = '', ...params] = value.split(';').map((part) => part.trim());
  const bad = () => new Error(`${FAULT_HEADER}: cannot read ${JSON.stringify(value)}; use ${FAULT_USAGE}`);
  const drop = /^drop-after=(\d{1,6})$/.exec(name);
  if (drop && params.length === 0) return { kind: 'drop', after: Number(drop[1]) };
  if (name === 'stall' && params.length === 0) return { kind: 'stall' };
  if (name === '429' || name === '503') {
    let retryAfter: number | undefined = name === '429' ? 1 : undefined;
    for (const param of params) {
      const match = /^retry-after=(\d{1,6})$/.exec(param);
      if (!match) throw bad();
      retryAfter = Number(match[1]);
    }
    return { kind: 'status', status: Number(name) as 429 | 503, retryAfter };
  }
  throw bad();
}
