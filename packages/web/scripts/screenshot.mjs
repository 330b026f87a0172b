// `npx -y pnpm@10.34.9 --filter @llamacloud-chat/web screenshot`: the page against the built-in mock, in the same
// headless Chromium the tests drive, with a session open and a turn streamed, saved at two sizes: a laptop's
// (screenshot-desktop.png, 1280×800) and a phone's (screenshot-phone.png, 390×844).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../dist/browser/chromium.js';
import { startWeb } from '../dist/relay/start-web.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = [
  { file: 'screenshot-desktop.png', viewport: { width: 1280, height: 800 }, phone: false },
  { file: 'screenshot-phone.png', viewport: { width: 390, height: 844 }, phone: true },
];
const web = await startWeb({ mock: { streamGapMs: 20 } });
let browser;
/** The session both shots show, the second listed at first (the newest one has not been run yet). */
let shown;
try {
  const launched = await launchChromium();
  browser = launched.browser;
  for (const { file, viewport, phone } of shots) {
    const page = await browser.newPage({
      viewport,
      deviceScaleFactor: phone ? 2 : 1,
      isMobile: phone,
      hasTouch: phone,
    });
    await page.goto(`${web.url}/?page_size=4`);
    const row = shown
      ? page.locator(`#sessions li[data-session-id="${shown}"]`)
      : page.locator('#sessions li').nth(1);
    shown = await row.getAttribute('data-session-id');
    await row.click();
    await page.locator('#transcript .turn').first().waitFor();
    if (!phone) {
      // A turn streamed on the laptop; the phone shows the session with it, newest first in view.
      await page.getByLabel('Message').fill('What changed in Q3?');
      await page.getByLabel('Message').press('Enter');
    }
    await page.locator('#transcript .turn[data-ended-at]').nth(1).waitFor();
    await page.getByLabel('Message').fill('And how does that compare with Q2?');
    await page.screenshot({ path: join(here, file) });
    console.log(`Saved ${file} (${viewport.width}×${viewport.height})`);
    await page.close();
  }
  console.log(`Chromium ${browser.version()} from ${launched.found.source}`);
} finally {
  await browser?.close();
  await web.close();
}
