// Which Chromium the browser tests and the screenshot use: the one named in CHROMIUM_PATH, one on PATH, and a
// CHROMIUM_PATH that names nothing runnable said to be wrong, not silently replaced; always with web security on,
// and the packaged one unpacked into node_modules/.cache, never into TMPDIR.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_DIR, findChromium } from '../src/browser/chromium.js';

const BUILT = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'browser', 'chromium.js');

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

  it("prefers a chromium on PATH (Debian's) to a browser Playwright installed", async () => {
    const system = await fakeBrowser('chromium');
    const installed = await fakeBrowser('playwright-chromium');
    const found = await findChromium({ PATH: dir }, async () => installed);
    expect(found.executablePath).toBe(system);
  });

  it('takes a browser Playwright installed when none is on PATH', async () => {
    const installed = await fakeBrowser('playwright-chromium');
    const found = await findChromium({ PATH: '' }, async () => installed);
    expect(found.executablePath).toBe(installed);
  });

  it('never turns web security off, whichever browser it finds', async () => {
    const named = await fakeBrowser('my-chromium');
    const system = await fakeBrowser('chromium');
    const packaged = await fakeBrowser('packaged-chromium');
    const found = [
      await findChromium({ CHROMIUM_PATH: named }),
      await findChromium({ PATH: dir }, async () => undefined),
      await findChromium({ PATH: '' }, async () => named),
      await findChromium(
        { PATH: '' },
        async () => undefined,
        async () => packaged,
      ),
    ];
    expect(found.map((f) => f.executablePath)).toEqual([named, system, named, packaged]);
    for (const { args } of found) {
      expect(args.filter((arg) => /web-security|single-process/.test(arg))).toEqual([]);
      expect(args).toContain('--no-sandbox');
    }
  });

  it('finds a chromium or google-chrome on PATH when Playwright has none', async () => {
    const path = await fakeBrowser('google-chrome');
    const found = await findChromium({ PATH: dir }, async () => undefined);
    expect(found.executablePath).toBe(path);
    expect(found.source).toBe(`${path} on PATH`);
  });

  it("unpacks @sparticuz/chromium's browser into node_modules/.cache, leaving TMPDIR as it was", async () => {
    // In a child process with a TMPDIR of its own, so the test can see that nothing was put there.
    const script = `const { findChromium } = await import(${JSON.stringify(BUILT)});
      const found = await findChromium({ PATH: '' }, async () => undefined);
      process.stdout.write(JSON.stringify(found));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: dir },
      timeout: 180_000,
    });
    const found = JSON.parse(stdout) as { executablePath: string; args: string[] };
    expect(found.executablePath.startsWith(CACHE_DIR)).toBe(true);
    expect(found.executablePath).toMatch(/node_modules\/\.cache\/sparticuz-chromium-[\d.]+\/chromium$/);
    expect(found.args.filter((arg) => /web-security/.test(arg))).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  }, 200_000);
});
