// The 1 MB body cap: an upload past it is refused as soon as the cap is passed, not read to its end. A client
// sends a little over the cap and then holds the rest of its upload back: the 413 must come without it (a mock that
// reads to the end never answers).
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_KEY, mockFor, within } from './support.js';

const CAP = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);
/** Where the client stops sending and waits, its upload unfinished: four chunks past the cap. */
const HOLD_AT = CAP + 4 * CHUNK.length;

interface Upload {
  status: number;
  connection: string | undefined;
  body: string;
  /** Bytes of body written when the answer arrived. */
  writtenAtAnswer: number;
}

/** POSTs JSON whitespace 64 KB at a time up to HOLD_AT, then waits for an answer with the upload unfinished. */
function heldUpload(url: string): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      answered = true;
      const writtenAtAnswer = written;
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body,
          writtenAtAnswer,
        }),
      );
      res.on('error', reject);
    });
    // Writes after the mock has closed the connection may fail; only a missing answer is a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const next = () => {
      if (answered) return void req.destroy();
      if (written >= HOLD_AT) return; // the rest is held back: never sent, the request never ended
      req.write(CHUNK, (error) => {
        if (error) return;
        written += CHUNK.length;
        next();
      });
    };
    next();
  });
}

describe('the body cap', () => {
  it('answers 413 and closes the connection once the cap is passed, with the rest of the upload unread', async () => {
    const mock = await mockFor();
    const upload = await within(
      heldUpload(mock.url),
      50_000,
      'the answer to an upload past the cap, held unfinished',
    );
    expect(upload.writtenAtAnswer).toBeGreaterThan(CAP);
    expect(upload.writtenAtAnswer).toBeLessThanOrEqual(HOLD_AT);
    expect(upload.status).toBe(413);
    expect(upload.connection).toBe('close');
    expect(JSON.parse(upload.body)).toEqual({ detail: `The request body is over ${CAP} bytes.` });

    // The mock still answers the next caller.
    const next = await fetch(`${mock.url}/api/v1/chat`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(next.status).toBe(200);
  });
});
