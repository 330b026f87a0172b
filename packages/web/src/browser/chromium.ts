// Finding a Chromium for the browser test and the screenshot, where people have one, and else the one an npm
// package ships inside itself, so a fresh machine with no browser and no network but the registry still runs them.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

export interface FoundChromium {
  executablePath: string;
  args: string[];
  /** Where it was found, for the one line that says which browser ran. */
  source: string;
}

/** Flags for a Chromium run headless by root in a container: no sandbox, no GPU, nothing fetched in the background. */
const HEADLESS_ARGS = [
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

/**
 * A Chromium, looked for in this order: `CHROMIUM_PATH`; a browser Playwright installed (`npx playwright install`);
 * `chromium` or `google-chrome` on PATH; else `@sparticuz/chromium`, which ships one in its npm package (unpacked
 * to a temp folder on first use). A `CHROMIUM_PATH` that names nothing runnable is an error, not a fallback.
 */
export async function findChromium(
  env: Record<string, string | undefined> = process.env,
  playwrightBrowser: () => Promise<string | undefined> = playwrightsChromium,
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
  const playwrights = await playwrightBrowser();
  if (playwrights) {
    return {
      executablePath: playwrights,
      args: HEADLESS_ARGS,
      source: `Playwright's browser (${playwrights})`,
    };
  }
  const system = onPath(NAMES_ON_PATH, env.PATH);
  if (system) return { executablePath: system, args: HEADLESS_ARGS, source: `${system} on PATH` };
  const { default: packaged } = await import('@sparticuz/chromium');
  const path = await packaged.executablePath();
  return { executablePath: path, args: packaged.args, source: `@sparticuz/chromium's (${path})` };
}

export interface LaunchedChromium {
  browser: Browser;
  found: FoundChromium;
  /** From asking for the browser to its answering, in ms (finding and unpacking it included). */
  launchMs: number;
}

/** Finds a Chromium and launches it headless with playwright-core. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const started = performance.now();
  const found = await findChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    args: found.args,
    headless: true,
  });
  return { browser, found, launchMs: performance.now() - started };
}
