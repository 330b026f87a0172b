// The chat page in a real headless Chromium, against the relay and the mock, each started here: listing page by
// page, a transcript, creating a session and streaming a turn token by token, stopping a turn, deleting, and the
// key never reaching the browser.
import LlamaCloud, { type ChatListResponse } from '@llamacloud-chat/client';
import { type RunningMock, type StreamEnd, startMock } from '@llamacloud-chat/mock';
import { waitFor } from '@llamacloud-chat/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/browser/chromium.js';
import { summaryLine } from '../src/page/summary-line.js';
import { type RunningWeb, startWeb } from '../src/relay/start-web.js';

/** The relay's key: it must reach the mock and nothing the browser sees. */
const SECRET = 'llx-relay-only-7c1e9a5b3d';
/** The mock's gap between a turn's events. */
const GAP_MS = 250;

/**
 * Holds a turn between the relay and the mock: the events up to the first text delta pass, the rest wait for the
 * test to open the gate. The page can show a token before the turn ends only if it came through alone, so the test
 * proves "shown as it came" by cause and order, with no clock.
 */
let openGate: () => void = () => {};
/** Whether the next turn is held; each held turn is asked for by the test. */
let holdNextTurn = false;
function holdAfterFirstDelta(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const gate = new Promise<void>((resolve) => {
    openGate = resolve;
  });
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let seen = '';
  let held = false;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        if (held) return controller.enqueue(chunk);
        seen += decoder.decode(chunk, { stream: true });
        const delta = seen.indexOf('"type":"text_delta"');
        const end = delta === -1 ? -1 : seen.indexOf('\n\n', delta);
        if (end === -1) return;
        controller.enqueue(encoder.encode(seen.slice(0, end + 2)));
        held = true;
        await gate;
        controller.enqueue(encoder.encode(seen.slice(end + 2)));
      },
      flush(controller) {
        if (!held) controller.enqueue(encoder.encode(seen));
      },
    }),
  );
}

let mock: RunningMock;
let web: RunningWeb;
let browser: Browser;
let page: Page;
const streamEnds: StreamEnd[] = [];
/** Every request the relay sent upstream: where, and with which Authorization header. */
const upstream: { url: string; authorization: string | null }[] = [];
/** Everything the browser sent and received. */
const seenByBrowser: { url: string; headers: Record<string, string>; body: string }[] = [];
const answersToBrowser: Promise<{ url: string; headers: Record<string, string>; body: string }>[] = [];

/** A client straight to the mock, for what the page should show. */
let direct: LlamaCloud;

beforeAll(async () => {
  mock = await startMock({ streamGapMs: GAP_MS, onStreamEnd: (end) => streamEnds.push(end) });
  direct = new LlamaCloud({ apiKey: 'llx-test-direct', baseURL: mock.url, maxRetries: 0 });
  web = await startWeb({
    apiKey: SECRET,
    baseURL: mock.url,
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      upstream.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      const answer = await fetch(input, init);
      if (!url.endsWith('/messages/stream') || !answer.body || !holdNextTurn) return answer;
      holdNextTurn = false;
      return new Response(holdAfterFirstDelta(answer.body), answer);
    },
  });
  const launched = await launchChromium();
  browser = launched.browser;
  console.log(
    `Chromium ${browser.version()} from ${launched.found.source}, launched in ${Math.round(launched.launchMs)} ms`,
  );
  page = await browser.newPage();
  page.on('request', (request) => {
    seenByBrowser.push({ url: request.url(), headers: request.headers(), body: request.postData() ?? '' });
  });
  page.on('response', (response) => {
    answersToBrowser.push(
      (async () => ({
        url: response.url(),
        headers: await response.allHeaders(),
        // A stopped stream has no body to read.
        body: await response.text().catch(() => ''),
      }))(),
    );
  });
});

afterAll(async () => {
  // Each in its own step, so one failing to stop does not leave the others running.
  await browser?.close().catch(() => {});
  await web?.close().catch(() => {});
  await mock?.close().catch(() => {});
});

const rowIds = () =>
  page
    .locator('#sessions li')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.sessionId));

describe('the chat page in Chromium', () => {
  it('lists the sessions and pages on with "More", each session once', async () => {
    const expected: string[] = [];
    for await (const session of direct.beta.chat.list({ page_size: 2 }) as AsyncIterable<ChatListResponse>) {
      expected.push(session.session_id);
    }
    await page.goto(`${web.url}/?page_size=2`);
    await page.locator('#sessions li').first().waitFor();
    let pages = 1;
    while (await page.locator('#more').isVisible()) {
      const before = (await rowIds()).length;
      await page.getByRole('button', { name: 'More' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('#sessions li').length > n, before);
      pages += 1;
    }
    expect(await rowIds()).toEqual(expected);
    // Paging on is the page's doing: every page after the first asked the relay for its page_token.
    const listings = seenByBrowser.filter((r) => new URL(r.url).pathname === '/api/v1/chat');
    expect(listings).toHaveLength(pages);
    expect(listings.slice(1).every((r) => new URL(r.url).searchParams.has('page_token'))).toBe(true);
    // The mock has more sessions than one page of 2 holds, so the page had to page on.
    expect(expected.length).toBeGreaterThan(2);
    expect(pages).toBeGreaterThan(1);
  });

  it('opens a session and shows its transcript: messages, thinking, tool calls and results, answer, usage', async () => {
    // The first listed session that has a history (the newest may not have been run yet).
    let id = '';
    let session: Awaited<ReturnType<typeof direct.beta.chat.retrieve>> | undefined;
    for (const candidate of (await rowIds()) as string[]) {
      session = await direct.beta.chat.retrieve(candidate);
      id = candidate;
      if (session.events.length > 0) break;
    }
    if (!session) throw new Error('the page listed no session');
    await page.locator(`#sessions li[data-session-id="${id}"] .open`).click();
    await page.waitForFunction((want) => document.getElementById('title')?.dataset.sessionId === want, id);
    const screen = (await page.locator('#transcript').textContent()) ?? '';
    expect(session.events.length).toBeGreaterThan(0);
    // The summary line, read through the relay's getSummary.
    const summary = await direct.beta.chat.getSummary(id);
    await page.waitForFunction(
      (want) => document.getElementById('session-summary')?.dataset.sessionId === want,
      id,
    );
    expect(await page.locator('#session-summary').textContent()).toBe(summaryLine(summary));
    expect(summaryLine(summary)).toMatch(/^Last run: [\d,]+ tokens in, [\d,]+ out/);
    for (const event of session.events) {
      switch (event.type) {
        case 'user_input':
        case 'thinking':
        case 'text':
          expect(screen).toContain(event.content);
          break;
        case 'tool_call':
          expect(screen).toContain(`Tool call: ${event.name}`);
          for (const value of Object.values(event.arguments))
            expect(screen).toContain(JSON.stringify(value, null, 2).split('\n')[0]);
          break;
        case 'tool_result':
          expect(screen).toContain(`Tool result: ${event.name}`);
          if (event.image_attachment) expect(screen).toContain(event.image_attachment.attachment_name);
          break;
        case 'stop':
          expect(screen).toContain(
            `${event.usage.total_input_tokens?.toLocaleString('en-US') ?? '?'} tokens in, ${event.usage.total_output_tokens?.toLocaleString('en-US') ?? '?'} out`,
          );
          break;
      }
    }
  });

  it('creates a session, and a prompt sent with Enter streams in token by token', async () => {
    const shownBefore = await page.evaluate(() => document.getElementById('title')?.dataset.sessionId);
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/chat',
    );
    await page.getByRole('button', { name: 'New session' }).click();
    expect((await created).status()).toBe(200);
    // The new session's id as the page shows it (reading the response body back through the browser's devtools
    // protocol can fail once the page has moved on, so the page itself is asked).
    const shown = await page.waitForFunction((before) => {
      const id = document.getElementById('title')?.dataset.sessionId;
      return id && id !== before ? id : undefined;
    }, shownBefore);
    const session = { session_id: (await shown.jsonValue()) as string };
    expect((await rowIds())[0]).toBe(session.session_id);
    expect(await page.locator('#transcript .turn').count()).toBe(0);

    const before = streamEnds.length;
    await page.getByLabel('Message').fill('What changed in Q3?');
    holdNextTurn = true;
    await page.getByLabel('Message').press('Enter');
    // The first token is on screen while the rest of the turn is still held upstream.
    await page.locator('#transcript .turn .answer .token').first().waitFor();
    const atGate = await page.evaluate(() => ({
      tokens: document.querySelectorAll('#transcript .turn .answer .token').length,
      ended: document.querySelector('#transcript .turn[data-ended-at]') !== null,
    }));
    expect(atGate.ended).toBe(false);
    expect(streamEnds.length).toBe(before);
    openGate();
    await page.locator('#transcript .turn[data-ended-at]').waitFor();
    const { stamps, endedAt, answer, liveRegion } = await page.evaluate(() => {
      const turn = document.querySelector<HTMLElement>('#transcript .turn[data-ended-at]');
      const tokens = [...(turn?.querySelectorAll<HTMLElement>('.answer .token') ?? [])];
      const log = document.getElementById('transcript');
      return {
        stamps: tokens.map((token) => Number(token.dataset.shownAt)),
        endedAt: Number(turn?.dataset.endedAt),
        answer: tokens.map((token) => token.textContent).join(''),
        liveRegion: log?.getAttribute('role') === 'log' && log.getAttribute('aria-live') === 'polite',
      };
    });
    expect(liveRegion).toBe(true);
    // More tokens came after the gate opened, and each was shown in order, the first before the turn ended.
    expect(atGate.tokens).toBeGreaterThanOrEqual(1);
    expect(stamps.length).toBeGreaterThan(atGate.tokens);
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    expect(stamps[0]).toBeLessThan(endedAt);
    expect(answer.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#transcript .turn .stop').last().textContent()).toMatch(/^Done \(/);
    await waitFor(() => streamEnds.length > before);
    expect(streamEnds.at(-1)).toMatchObject({ complete: true });
    expect(streamEnds.at(-1)?.request).toContain(`/api/v1/chat/${session.session_id}/messages/stream`);
  });

  it('stops a turn with Stop: the mock sees the connection close before the turn ends', async () => {
    const before = streamEnds.length;
    const turns = await page.locator('#transcript .turn').count();
    await page.getByLabel('Message').fill('And in Q4?');
    await page.getByRole('button', { name: 'Send' }).click();
    // The turn is under way once its first event is on screen.
    await page.locator('#transcript .turn').nth(turns).waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(() => streamEnds.length > before, 20_000);
    const end = streamEnds.at(-1) as StreamEnd;
    expect(end.complete).toBe(false);
    expect(end.sent).toBeLessThan(end.events);
    await expect.poll(() => page.locator('#status').textContent()).toBe('Stopped.');
    expect(await page.locator('#transcript .turn').nth(turns).locator('.stop').textContent()).toBe(
      'Stopped.',
    );
    expect(await page.locator('#problem').textContent()).toBe('');
  });

  it('deletes a session once confirmed: the row goes when the API answers 204', async () => {
    const id = (await rowIds())[1] as string;
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await page.getByRole('button', { name: `Delete session ${id}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    const answer = await deleted;
    expect(answer.status()).toBe(204);
    expect(new URL(answer.url()).pathname).toBe(`/api/v1/chat/${id}`);
    await expect.poll(rowIds).not.toContain(id);
    expect(await page.locator('#problem').textContent()).toBe('');
  });

  it('never lets the key reach the browser: no request carries it, no answer contains it', async () => {
    const answers = await Promise.all(answersToBrowser);
    expect(seenByBrowser.length).toBeGreaterThan(5);
    for (const request of seenByBrowser) {
      // The page talks to its own origin only, and sends no Authorization header at all.
      expect(new URL(request.url).origin).toBe(web.url);
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(SECRET);
    }
    expect(answers.length).toBe(seenByBrowser.length);
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
    // The relay did use it: every call it made upstream carried it.
    expect(upstream.length).toBeGreaterThan(5);
    for (const call of upstream) {
      expect(new URL(call.url).origin).toBe(mock.url);
      expect(call.authorization).toBe(`Bearer ${SECRET}`);
    }
  });
});
