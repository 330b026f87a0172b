// The chat page on a phone (390×844) in a real headless Chromium, against the relay and its built-in mock: no
// sideways scroll, nothing to type into before a session is open, the whole row opens a session, the newest turn
// in view once it is open with the message box and Send on screen, a delete that asks first and can be
// cancelled, and the keyboard: Enter on a row, Escape to stop an answer, a visible focus.
import LlamaCloud from '@llamacloud-chat/client';
import type { StreamEnd } from '@llamacloud-chat/mock';
import { waitFor } from '@llamacloud-chat/test-support';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/browser/chromium.js';
import { type RunningWeb, startWeb } from '../src/relay/start-web.js';

const PHONE = { width: 390, height: 844 };

let web: RunningWeb;
let browser: Browser;
let page: Page;
/** A session with enough turns that its transcript does not fit on a phone's screen. */
let longSession: string;
const streamEnds: StreamEnd[] = [];
const deletes: string[] = [];

beforeAll(async () => {
  web = await startWeb({ mock: { streamGapMs: 150, onStreamEnd: (end) => streamEnds.push(end) } });
  // Straight to the mock: four turns into a new session, each appended to its history.
  const direct = new LlamaCloud({ apiKey: 'llx-phone-test', baseURL: web.apiURL, maxRetries: 0 });
  const created = await direct.beta.chat.create({});
  longSession = created.session_id;
  for (const prompt of [
    'What changed in Q3?',
    'And in Q2?',
    'Which region grew most?',
    'Summarize it all.',
  ]) {
    for await (const _ of await direct.beta.chat.stream(longSession, { prompt, index_ids: [] })) {
      // Drained: the turn is in the history once it ends.
    }
  }
  browser = (await launchChromium()).browser;
  page = await browser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
  page.on('request', (request) => {
    if (request.method() === 'DELETE') deletes.push(new URL(request.url()).pathname);
  });
  await page.goto(web.url);
  await page.locator(`#sessions li[data-session-id="${longSession}"]`).waitFor();
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await web?.close().catch(() => {});
});

/** The page's width against the screen's: anything wider scrolls sideways. */
const widths = () =>
  page.evaluate(() => ({
    page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    screen: window.innerWidth,
  }));

/** Whether the element's whole box is on screen. */
async function onScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  if (!box) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height;
}

const openId = () => page.evaluate(() => document.getElementById('title')?.dataset.sessionId);

describe('the chat page on a phone', () => {
  it('fits the screen, and offers nothing to type into before a session is open', async () => {
    expect(await widths()).toEqual({ page: PHONE.width, screen: PHONE.width });
    expect(await page.locator('textarea:visible, input:visible').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(false);
    // The session list is what there is to do first, and it fits too.
    expect(await page.locator('#sessions').isVisible()).toBe(true);
    expect(await onScreen(page.getByRole('button', { name: 'New session' }))).toBe(true);
  });

  it('opens a session from anywhere on its row, showing its newest turn with the message box on screen', async () => {
    const row = page.locator(`#sessions li[data-session-id="${longSession}"]`);
    // The id under the title, not the title: the row is what takes the tap.
    await row.locator('.id').tap();
    await expect.poll(openId).toBe(longSession);
    await page.locator('#transcript .turn').nth(3).waitFor();

    expect(await widths()).toEqual({ page: PHONE.width, screen: PHONE.width });
    // The conversation has the screen: the list is one tap away, behind "Sessions".
    expect(await page.locator('#sessions').isVisible()).toBe(false);
    const transcript = page.locator('#transcript');
    const fits = await transcript.evaluate((el) => el.scrollHeight <= el.clientHeight);
    expect(fits).toBe(false);
    // The newest answer is in view; the oldest turn has scrolled out of it.
    const view = await transcript.boundingBox();
    const newest = await page.locator('#transcript .turn .answer').last().boundingBox();
    const oldest = await page.locator('#transcript .turn').first().boundingBox();
    if (!view || !newest || !oldest) throw new Error('the transcript is not laid out');
    expect(newest.y + newest.height).toBeLessThanOrEqual(view.y + view.height + 1);
    expect(newest.y).toBeGreaterThanOrEqual(view.y - 1);
    expect(oldest.y).toBeLessThan(view.y);
    expect(await onScreen(page.getByLabel('Message'))).toBe(true);
    expect(await onScreen(page.getByRole('button', { name: 'Send' }))).toBe(true);
    expect(await onScreen(page.getByRole('button', { name: 'Stop' }))).toBe(true);

    await page.getByRole('button', { name: 'Sessions' }).tap();
    expect(await page.locator('#sessions').isVisible()).toBe(true);
    expect(await widths()).toEqual({ page: PHONE.width, screen: PHONE.width });
  });

  it('asks before a delete, and Cancel keeps the session: no request is sent', async () => {
    const row = page.locator(`#sessions li[data-session-id="${longSession}"]`);
    await row.getByRole('button', { name: `Delete session ${longSession}` }).tap();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(longSession);
    expect(await onScreen(dialog)).toBe(true);
    // The question is not answered by a stray tap: Cancel has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Cancel' }).tap();
    await expect.poll(() => page.locator('#status').textContent()).toBe(`Kept session ${longSession}.`);
    expect(await dialog.isVisible()).toBe(false);
    expect(await row.count()).toBe(1);
    expect(deletes).toEqual([]);
    // Still there for the API too: the page reopens it.
    await row.locator('.open').tap();
    await expect.poll(openId).toBe(longSession);
    expect(await page.locator('#problem').textContent()).toBe('');

    // Escape is a Cancel as well.
    await page.getByRole('button', { name: 'Delete session', exact: true }).tap();
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(deletes).toEqual([]);
  });

  it('deletes once confirmed', async () => {
    await page.getByRole('button', { name: 'Sessions' }).tap();
    const created = await page.locator('#sessions li').count();
    await page.getByRole('button', { name: 'New session' }).tap();
    await expect.poll(() => page.locator('#sessions li').count()).toBe(created + 1);
    const id = (await openId()) as string;
    await page.getByRole('button', { name: 'Delete session', exact: true }).tap();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).tap();
    await expect.poll(() => deletes).toEqual([`/api/v1/chat/${id}`]);
    await expect.poll(() => page.locator(`#sessions li[data-session-id="${id}"]`).count()).toBe(0);
    // Nothing open again, so nothing to type into.
    expect(await page.locator('textarea:visible').count()).toBe(0);
  });

  it('works from the keyboard: Enter on a row opens it, Escape stops the answer, the focus is visible', async () => {
    if (!(await page.locator('#sessions').isVisible()))
      await page.getByRole('button', { name: 'Sessions' }).tap();
    const title = page.locator(`#sessions li[data-session-id="${longSession}"] .open`);
    await title.focus();
    await page.keyboard.press('Enter');
    await expect.poll(openId).toBe(longSession);
    // Reached by Tab, the focused control is outlined.
    await page.getByLabel('Message').focus();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      return {
        id: focused.id,
        style: getComputedStyle(focused).outlineStyle,
        html: focused.outerHTML.slice(0, 120),
      };
    });
    expect(outline).toMatchObject({ id: 'send', style: 'solid' });

    const before = streamEnds.length;
    const turns = await page.locator('#transcript .turn').count();
    await page.getByLabel('Message').fill('Tell me more');
    await page.getByLabel('Message').press('Enter');
    await page.locator('#transcript .turn').nth(turns).waitFor();
    await page.keyboard.press('Escape');
    await waitFor(() => streamEnds.length > before, 20_000);
    expect(streamEnds.at(-1)?.complete).toBe(false);
    await expect.poll(() => page.locator('#status').textContent()).toBe('Stopped.');
  });
});
