// What the page says, in Chromium, when things go wrong: a session that is gone (404), a turn cut off, the API
// down behind the relay, and the relay itself gone. One line each, never a stack.
import { sendJson, startServer, type TestServer } from '@llamacloud-chat/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/browser/chromium.js';
import { type RunningWeb, startWeb } from '../src/relay/start-web.js';

let api: TestServer;
let web: RunningWeb;
let browser: Browser;
let page: Page;

const sessions = [
  {
    session_id: 'ses-gone',
    last_updated_at: '2026-04-22T12:00:00Z',
    shared_access: 'read_only',
    generated_title: 'Deleted elsewhere',
    index_ids: [],
  },
  {
    session_id: 'ses-cut',
    last_updated_at: '2026-04-21T12:00:00Z',
    shared_access: 'query',
    generated_title: 'Cut off',
    index_ids: ['idx-1'],
  },
];

/** Released by the test once the page shows the first words of the turn that the API then cuts off. */
let showedFirst: () => void = () => {};
const pageShowedFirst = new Promise<void>((resolve) => {
  showedFirst = resolve;
});

beforeAll(async () => {
  api = await startServer((request, res) => {
    if (request.method === 'GET' && request.path === '/api/v1/chat') {
      return sendJson(res, 200, { items: sessions, next_page_token: null });
    }
    if (request.path === '/api/v1/chat/ses-gone')
      return sendJson(res, 404, { detail: 'Chat session ses-gone not found' });
    if (request.path === '/api/v1/chat/ses-cut') return sendJson(res, 200, { ...sessions[1], events: [] });
    if (request.path === '/api/v1/chat/ses-cut/messages/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"type":"text_delta","content":"Half an ans"}\n\n');
      // Cut off only once the page shows what came: the test says when.
      return pageShowedFirst.then(() => {
        res.destroy();
      });
    }
    sendJson(res, 500, { detail: 'unexpected' });
  });
  web = await startWeb({ apiKey: 'llx-errors-test', baseURL: api.url });
  browser = (await launchChromium()).browser;
  page = await browser.newPage();
  await page.goto(web.url);
  await page.locator('#sessions li').nth(1).waitFor();
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await web?.close().catch(() => {});
  await api?.close().catch(() => {});
});

const problem = () => page.locator('#problem').textContent();

describe('the page when things go wrong', () => {
  it('says a session is gone on a 404', async () => {
    await page.getByRole('button', { name: 'Deleted elsewhere' }).click();
    await expect
      .poll(problem)
      .toBe(
        'Could not open the session: it no longer exists (404). It may have been deleted elsewhere; reload the list.',
      );
  });

  it('says a turn was cut off, after the tokens that came', async () => {
    await page.getByRole('button', { name: 'Cut off' }).click();
    await page.waitForFunction(() => document.getElementById('title')?.dataset.sessionId === 'ses-cut');
    await page.getByLabel('Message').fill('Tell me everything');
    await page.getByLabel('Message').press('Enter');
    // The words that came are on the page while the turn is still open; only then does the API cut it off.
    await expect.poll(() => page.locator('#transcript .answer').textContent()).toContain('Half an ans');
    expect(await problem()).toBe('');
    showedFirst();
    const line =
      'The answer was cut off: the connection closed before the turn ended. Send the prompt again to retry.';
    await expect.poll(problem).toBe(line);
    expect(await page.locator('#transcript .answer').textContent()).toContain('Half an ans');
    expect(await page.locator('#transcript .turn .stop').last().textContent()).toBe(line);
  });

  it('says the chat API is not answering when the relay cannot reach it', async () => {
    await api.close();
    await page.getByRole('button', { name: 'New session' }).click();
    await expect
      .poll(problem, { timeout: 20_000 })
      .toBe('Could not create a session: the chat API is not answering (502). Try again in a moment.');
  });

  it("says the page's server is not reachable when the relay is gone", async () => {
    await web.close();
    await page.getByRole('button', { name: 'Delete session ses-cut' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .poll(problem)
      .toBe(
        "Could not delete the session: the page's server is not reachable. Is it still running? Start it again and reload.",
      );
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:/);
  });
});
