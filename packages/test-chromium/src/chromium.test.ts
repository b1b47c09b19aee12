import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  ChromiumMissingError,
  chromiumAvailability,
  chromiumForTests,
  countPixels,
  launchChromium,
  watchPage,
} from './chromium.js';

describe('chromiumForTests: skip when missing, fail when required', () => {
  const missing = { present: false, path: '/nonexistent/chromium' };

  it('runs when the executable is present', () => {
    expect(chromiumForTests('x', { ...missing, present: true, required: false })).toBe(true);
  });

  it('skips with a warning naming the path and the setting when missing', () => {
    const warnings: string[] = [];
    expect(chromiumForTests('dashboard test', { ...missing, required: false }, (text) => warnings.push(text))).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('dashboard test: SKIPPED, /nonexistent/chromium not found')]);
    expect(warnings[0]).toContain('MM_REQUIRE_CHROMIUM=1');
  });

  it('throws when missing and MM_REQUIRE_CHROMIUM=1', () => {
    expect(() => chromiumForTests('dashboard test', { ...missing, required: true })).toThrow(ChromiumMissingError);
  });

  it('reads MM_REQUIRE_CHROMIUM=1 only (not "true" or unset)', () => {
    expect(chromiumAvailability({ MM_REQUIRE_CHROMIUM: '1' }, '/nonexistent').required).toBe(true);
    expect(chromiumAvailability({ MM_REQUIRE_CHROMIUM: 'true' }, '/nonexistent').required).toBe(false);
    expect(chromiumAvailability({}, '/nonexistent')).toEqual({ present: false, required: false, path: '/nonexistent' });
  });
});

describe.skipIf(!chromiumForTests('test-chromium launch'))(`launchChromium (${CHROMIUM_PATH})`, () => {
  it('renders a local page and records an outside request and a page error', async () => {
    const server = createServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<p id="p">hello</p><img src="http://192.0.2.1/x.png"><script>throw new Error("boom")</script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const watch = watchPage(page, [`${origin}/`]);
      await page.goto(`${origin}/`);
      expect(await page.textContent('#p')).toBe('hello');
      expect(watch.outsideRequests).toEqual(['http://192.0.2.1/x.png']);
      expect(watch.errors).toContain('page error: boom');
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('counts the pixels of each colour in a screenshot', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 200, height: 100 } });
      // 100 x 100 red on the left half, blue on the right: 10,000 pixels each.
      await page.setContent(
        '<body style="margin:0"><div style="display:flex"><div style="width:100px;height:100px;background:#ff0000"></div><div style="width:100px;height:100px;background:#0000ff"></div></div></body>',
      );
      const png = await page.screenshot();
      const pixels = await countPixels(browser, png, { red: [255, 0, 0], blue: [0, 0, 255], green: [0, 255, 0] });
      expect(pixels).toEqual({ width: 200, height: 100, counts: { red: 10_000, blue: 10_000, green: 0 } });
    } finally {
      await browser.close();
    }
  });
});
