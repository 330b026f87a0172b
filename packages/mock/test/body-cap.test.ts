// The 1 MB body cap: an upload past it is refused as soon as the cap is passed, not read to its end. A client
// streams a large body slowly; the 413 arrives while it has sent only a little over the cap.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_KEY, mockFor, within } from './support.js';

const CAP = 1024 * 1024;
/** The most the test ever sends: what the old mock read to the end before it answered. */
const BUDGET = 32 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

interface Upload {
  status: number;
  connection: string | undefined;
  body: string;
  /** Bytes of body written when the answer arrived. */
  writtenAtAnswer: number;
}

/** POSTs up to BUDGET bytes of JSON whitespace, 64 KB every few ms, and stops once an answer arrives. */
function slowUpload(url: string): Promise<Upload> {
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
      if (written >= BUDGET) return void req.end();
      req.write(CHUNK, (error) => {
        if (error) return;
        written += CHUNK.length;
        setTimeout(next, 5);
      });
    };
    next();
  });
}

describe('the body cap', () => {
  it('answers 413 and closes the connection once the cap is passed, with the rest of the upload unread', async () => {
    const mock = await mockFor();
    const upload = await within(slowUpload(mock.url), 120_000, 'the answer to a 32 MB upload');
    expect(upload.writtenAtAnswer).toBeGreaterThan(CAP);
    // A little over the cap (what was in flight when it was passed), nowhere near the whole upload.
    expect(upload.writtenAtAnswer).toBeLessThan(CAP + 4 * 1024 * 1024);
    expect(upload.status).toBe(413);
    expect(upload.connection).toBe('close');
    expect(JSON.parse(upload.body)).toEqual({ detail: `The request body is over ${CAP} bytes.` });

    // The mock still answers the next caller.
    const next = await fetch(`${mock.url}/api/v1/chat`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(next.status).toBe(200);
  }, 150_000);
});
