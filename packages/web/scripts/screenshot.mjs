// `npx -y pnpm@10.34.9 --filter @llamacloud-chat/web screenshot`: the page against the built-in mock, in the same
// headless Chromium the tests drive, with a session open and a turn streamed, saved as screenshot.png.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../dist/browser/chromium.js';
import { startWeb } from '../dist/relay/start-web.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshot.png');
const web = await startWeb({ mock: { streamGapMs: 20 } });
let browser;
try {
  const launched = await launchChromium();
  browser = launched.browser;
  const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${web.url}/?page_size=2`);
  await page.getByRole('button', { name: 'More' }).click();
  await page.locator('#sessions li').nth(3).waitFor();
  // The second session: the newest one has not been run yet.
  await page.locator('#sessions li').nth(1).locator('.open').click();
  await page.locator('#transcript .turn').first().waitFor();
  await page.getByLabel('Message').fill('What changed in Q3?');
  await page.getByLabel('Message').press('Enter');
  await page.locator('#transcript .turn[data-ended-at]').nth(1).waitFor();
  await page.getByLabel('Message').fill('And how does that compare with Q2?');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`Saved ${out} (Chromium ${browser.version()} from ${launched.found.source})`);
} finally {
  await browser?.close();
  await web.close();
}
