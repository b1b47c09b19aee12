import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

/** Debian's chromium package (CI installs it): playwright's own browser download cannot run here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for headless Chromium as root on a machine with a closed network: without the
 * background-networking ones Chromium's own connections (updates, sync, QUIC probes) are refused
 * many at a time and every start tries to look up Google's hosts.
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

export interface ChromiumAvailability {
  /** The executable exists: the browser tests run. */
  present: boolean;
  /** MM_REQUIRE_CHROMIUM=1 (CI): a missing browser is a failure, not a skip. */
  required: boolean;
  path: string;
}

/** Whether the browser tests can run here and whether they must. */
export function chromiumAvailability(env: NodeJS.ProcessEnv = process.env, path: string = CHROMIUM_PATH): ChromiumAvailability {
  return { present: existsSync(path), required: env.MM_REQUIRE_CHROMIUM === '1', path };
}

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/**
 * The one rule for every browser test file, called at its top level: true when Chromium is here;
 * false (with a warning naming what is skipped) when it is not; a throw when it is not but
 * MM_REQUIRE_CHROMIUM=1, so CI never passes by skipping. Use as `describe.skipIf(!chromiumForTests('…'))`.
 */
export function chromiumForTests(
  what: string,
  availability: ChromiumAvailability = chromiumAvailability(),
  warn: (text: string) => void = (text) => console.warn(text),
): boolean {
  if (availability.present) return true;
  if (availability.required)
    throw new ChromiumMissingError(
      `${what}: ${availability.path} is missing but MM_REQUIRE_CHROMIUM=1 requires it: install Debian's chromium package`,
    );
  warn(`${what}: SKIPPED, ${availability.path} not found (install Debian's chromium; set MM_REQUIRE_CHROMIUM=1 to make this a failure)`);
  return false;
}

/** Headless Chromium with the repository's flags; extra launch options (and args) are added. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/** What a page did: console errors (and warnings, if asked), uncaught errors, and requests off the allowed origins. */
export interface PageWatch {
  errors: string[];
  outsideRequests: string[];
}

/**
 * Records a page's errors and every request to an address outside `allowedPrefixes` (`data:` is
 * always allowed): a page meant to work offline must make none.
 */
export function watchPage(page: Page, allowedPrefixes: readonly string[], options: { warnings?: boolean } = {}): PageWatch {
  const watch: PageWatch = { errors: [], outsideRequests: [] };
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || (options.warnings === true && type === 'warning')) watch.errors.push(`console ${type}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !allowedPrefixes.some((prefix) => url.startsWith(prefix))) watch.outsideRequests.push(url);
  });
  return watch;
}

/** Pixels of an image, and how many are within `tolerance` (sum of |Δr|+|Δg|+|Δb|) of each named colour. */
export interface PixelCounts {
  width: number;
  height: number;
  counts: Record<string, number>;
}

/**
 * Counts colours in a PNG (a `page.screenshot()` or `locator.screenshot()`): decoded by the browser
 * itself on a blank page, so a test can say "the PnL line is drawn" without an image library.
 */
export async function countPixels(
  browser: Browser,
  png: Uint8Array,
  colors: Record<string, readonly [number, number, number]>,
  tolerance = 40,
): Promise<PixelCounts> {
  const page = await browser.newPage();
  try {
    const args = JSON.stringify({ dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}`, colors, tolerance });
    return await page.evaluate<PixelCounts>(`(async () => {
      const { dataUrl, colors, tolerance } = ${args};
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const counts = Object.fromEntries(Object.keys(colors).map((name) => [name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        for (const [name, [r, g, b]] of Object.entries(colors)) {
          if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < tolerance) counts[name] += 1;
        }
      }
      return { width: image.width, height: image.height, counts };
    })()`);
  } finally {
    await page.close();
  }
}
