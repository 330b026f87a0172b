// Finding a Chromium for the browser test and the screenshot, where people have one, and else the one an npm
// package ships inside itself, so a fresh machine with no browser and no network but the registry still runs them.
// Every one runs with web security on: the tests must see what a real browser refuses (another origin, CORS).
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, LaunchOptions } from 'playwright-core';

export interface FoundChromium {
  executablePath: string;
  args: readonly string[];
  /** Where it was found, for the one line that says which browser ran. */
  source: string;
}

/**
 * Flags for a Chromium run headless by root in a container: no sandbox, no GPU, nothing fetched in the background.
 * Written here rather than taken from `@sparticuz/chromium`'s `args`, which turn web security off.
 */
export const HEADLESS_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];

const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` on `PATH`. */
function onPath(names: readonly string[], path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of names) if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The Chromium `npx playwright install` would have put in place, if it is there. */
async function playwrightsChromium(): Promise<string | undefined> {
  const { chromium } = await import('playwright-core');
  try {
    const path = chromium.executablePath();
    return path && executable(path) ? path : undefined;
  } catch {
    // Playwright knows no browser build for this platform.
    return undefined;
  }
}

/** The repository's cache folder, where the packaged Chromium is unpacked once and found again. */
export const CACHE_DIR = fileURLToPath(new URL('../../../../node_modules/.cache/', import.meta.url));

/**
 * `@sparticuz/chromium`'s browser, unpacked into `cacheDir` (not `$TMPDIR/chromium`, where the package puts it)
 * on first use, so runs leave TMPDIR as they found it and reuse the browser. The package unpacks only into
 * `os.tmpdir()`, so a child process does it with TMPDIR pointed at a fresh folder, renamed into place when whole:
 * two test files unpacking at once never see half a browser.
 */
export async function packagedChromium(cacheDir = CACHE_DIR): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const home = join(cacheDir, `sparticuz-chromium-${version}`);
  const path = join(home, 'chromium');
  if (executable(path)) return path;
  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, `sparticuz-chromium-${version}-unpacking-`));
  try {
    const unpack = `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(await c.executablePath());`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', unpack], {
      env: { ...process.env, TMPDIR: staging },
    });
    await rename(staging, home).catch((error: NodeJS.ErrnoException) => {
      // Another run unpacked it first: keep theirs.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!executable(path)) throw new Error(`@sparticuz/chromium did not unpack a browser at ${path}`);
  return path;
}

/**
 * A Chromium, looked for in this order: `CHROMIUM_PATH`; `chromium` (Debian's) or `google-chrome` on PATH; a browser
 * Playwright installed (`npx playwright install`); else `@sparticuz/chromium`, which ships one in its npm package
 * (unpacked into `node_modules/.cache` on first use). A `CHROMIUM_PATH` that names nothing runnable is an error,
 * not a fallback. The arguments are always HEADLESS_ARGS.
 */
export async function findChromium(
  env: Record<string, string | undefined> = process.env,
  playwrightBrowser: () => Promise<string | undefined> = playwrightsChromium,
  packaged: () => Promise<string> = packagedChromium,
): Promise<FoundChromium> {
  const named = env.CHROMIUM_PATH?.trim();
  if (named) {
    if (!executable(named)) {
      throw new Error(
        `CHROMIUM_PATH is ${JSON.stringify(named)}, which is not an executable file. Fix or unset it.`,
      );
    }
    return { executablePath: named, args: HEADLESS_ARGS, source: `CHROMIUM_PATH (${named})` };
  }
  const system = onPath(NAMES_ON_PATH, env.PATH);
  if (system) return { executablePath: system, args: HEADLESS_ARGS, source: `${system} on PATH` };
  const playwrights = await playwrightBrowser();
  if (playwrights) {
    return {
      executablePath: playwrights,
      args: HEADLESS_ARGS,
      source: `Playwright's browser (${playwrights})`,
    };
  }
  const path = await packaged();
  return { executablePath: path, args: HEADLESS_ARGS, source: `@sparticuz/chromium's (${path})` };
}

export interface LaunchedChromium {
  browser: Browser;
  found: FoundChromium;
  /** From asking for the browser to its answering, in ms (finding and unpacking it included). */
  launchMs: number;
}

/**
 * Finds a Chromium and launches it headless with playwright-core; `extraArgs` are added to the found ones (a test
 * maps a host name with `--host-resolver-rules`, say).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<LaunchedChromium> {
  const started = performance.now();
  const found = await findChromium();
  const { chromium } = await import('playwright-core');
  const options: LaunchOptions = {
    executablePath: found.executablePath,
    args: [...found.args, ...extraArgs],
    headless: true,
  };
  const browser = await chromium.launch(options);
  return { browser, found, launchMs: performance.now() - started };
}
