// Another site against the relay, in a real Chromium with web security on: a page on a second origin sends the
// no-cors POSTs a browser allows any page (a stream turn and a create, as text/plain) and a CORS request, and a
// page loaded under a rebound host name reads the relay as its own origin. The API behind the relay sees nothing
// from any of them, while the relay's own page still works.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeSessions, pagedSessions, startServer, type TestServer } from '@llamacloud-chat/test-support';
import type { Browser, Page, Response as PageResponse } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/browser/chromium.js';
import { type RunningWeb, startWeb } from '../src/relay/start-web.js';

const REBOUND = 'rebound.example';

let api: TestServer;
let web: RunningWeb;
let otherSite: Server;
let otherOrigin: string;
let browser: Browser;
let page: Page;
/** What the relay answered the browser, as the network saw it (a no-cors page cannot read it; the test can). */
const relayAnswers: { method: string; url: string; status: number }[] = [];

beforeAll(async () => {
  api = await startServer(pagedSessions(makeSessions(3)));
  web = await startWeb({ apiKey: 'llx-cross-origin-secret-31f7', baseURL: api.url });
  // The second origin: the same address, another port.
  otherSite = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Another site</title>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
  browser = (await launchChromium([`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`])).browser;
  page = await browser.newPage();
  page.on('response', (response: PageResponse) => {
    const url = new URL(response.url());
    if (url.port === String(new URL(web.url).port))
      relayAnswers.push({
        method: response.request().method(),
        url: response.url(),
        status: response.status(),
      });
  });
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await web?.close().catch(() => {});
  await api?.close().catch(() => {});
  otherSite?.closeAllConnections();
  await new Promise((resolve) => otherSite?.close(resolve));
});

/** Waits until the relay's answer to `method` `path` has been seen, and returns its status. */
async function relayStatus(method: string, path: string): Promise<number> {
  await expect
    .poll(() => relayAnswers.find((a) => a.method === method && new URL(a.url).pathname === path)?.status)
    .toBeDefined();
  return relayAnswers.find((a) => a.method === method && new URL(a.url).pathname === path)?.status as number;
}

describe('another site against the relay, in Chromium', () => {
  it('refuses the no-cors text/plain POSTs of a page on another origin: a turn and a create, 403, nothing upstream', async () => {
    await page.goto(otherOrigin);
    const results = await page.evaluate(async (relay) => {
      const send = (path: string, body: string) =>
        fetch(relay + path, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body,
        })
          .then((response) => response.type)
          .catch((error: Error) => `failed: ${error.message}`);
      return [
        await send('/api/v1/chat/ses-0001/messages/stream', '{"prompt":"spend the key","index_ids":[]}'),
        await send('/api/v1/chat', '{}'),
      ];
    }, web.url);
    // The browser sent both (a no-cors request is allowed; its answer is opaque to the page).
    expect(results).toEqual(['opaque', 'opaque']);
    expect(await relayStatus('POST', '/api/v1/chat/ses-0001/messages/stream')).toBe(403);
    expect(await relayStatus('POST', '/api/v1/chat')).toBe(403);
    expect(api.requests).toEqual([]);
  });

  it('gives a CORS request from another origin nothing: the browser refuses it, nothing upstream', async () => {
    await page.goto(otherOrigin);
    const outcome = await page.evaluate(
      (relay) =>
        fetch(`${relay}/api/v1/chat`)
          .then((response) => `read ${response.status}`)
          .catch(() => 'refused by the browser'),
      web.url,
    );
    expect(outcome).toBe('refused by the browser');
    expect(api.requests).toEqual([]);
  });

  it("refuses a rebound host name: the attacker's page, once its name points at the relay, reads only a 421", async () => {
    const rebound = `http://${REBOUND}:${new URL(web.url).port}`;
    // The first answer for the name: the attacker's own page, from the other site's server (the request goes
    // there; the page keeps the rebound name as its origin).
    await page.route(`${rebound}/`, (route) => route.continue({ url: `${otherOrigin}/` }));
    await page.goto(`${rebound}/`);
    await page.unroute(`${rebound}/`);
    // Then the name points at 127.0.0.1 (the browser's resolver rule): a same-origin fetch, whose answer the page
    // could read, reaches the relay under the rebound name.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/v1/chat');
      return { status: response.status, body: await response.json() };
    });
    expect(answer.status).toBe(421);
    expect(answer.body).toEqual({
      detail: `This server does not answer for the host "${REBOUND}:${new URL(web.url).port}"; start it with --allowed-host to add a name.`,
    });
    expect(api.requests).toEqual([]);
  });

  it("still answers the relay's own page, so the refusals above are the relay's doing", async () => {
    expect(api.requests).toEqual([]);
    await page.goto(web.url);
    const status = await page.evaluate(async () => (await fetch('/api/v1/chat')).status);
    expect(status).toBe(200);
    // The page lists sessions as it loads, and the test listed them once more.
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
    expect(api.requests.every((request) => request.path === '/api/v1/chat')).toBe(true);
  });
});
