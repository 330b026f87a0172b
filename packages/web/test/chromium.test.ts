// Which Chromium the browser tests and the screenshot use: the one named in CHROMIUM_PATH, one on PATH, and a
// CHROMIUM_PATH that names nothing runnable said to be wrong, not silently replaced.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium } from '../src/browser/chromium.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'find-chromium-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeBrowser(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, 0o755);
  return path;
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first', async () => {
    const path = await fakeBrowser('my-chromium');
    const found = await findChromium({ CHROMIUM_PATH: path, PATH: '' });
    expect(found.executablePath).toBe(path);
    expect(found.source).toBe(`CHROMIUM_PATH (${path})`);
    expect(found.args).toContain('--no-sandbox');
  });

  it('says a CHROMIUM_PATH that is not an executable is wrong', async () => {
    const path = join(dir, 'missing');
    await expect(findChromium({ CHROMIUM_PATH: path })).rejects.toThrow(
      `CHROMIUM_PATH is ${JSON.stringify(path)}, which is not an executable file. Fix or unset it.`,
    );
  });

  it('prefers a browser Playwright installed to one on PATH', async () => {
    await fakeBrowser('chromium');
    const installed = await fakeBrowser('playwright-chromium');
    const found = await findChromium({ PATH: dir }, async () => installed);
    expect(found.executablePath).toBe(installed);
  });

  it('finds a chromium or google-chrome on PATH when Playwright has none', async () => {
    const path = await fakeBrowser('google-chrome');
    const found = await findChromium({ PATH: dir }, async () => undefined);
    expect(found.executablePath).toBe(path);
    expect(found.source).toBe(`${path} on PATH`);
  });
});
