import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchChromium } from './helpers/browser.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';
import { serveFolder } from './helpers/static-server.js';

/**
 * The sample site in a real browser: Debian's Chromium loads it from 127.0.0.1, axe-core finds no
 * accessibility violations in light and dark mode, it works with JavaScript off, nothing is wider
 * than a phone, and screenshots at desktop and phone widths land in test-output/screenshots/.
 */
const browser = suite('status page in a browser');

const AT = '2026-11-23T12:30:00Z';
const PAGES = [
  'report/index.html',
  'index.html',
  'incidents/INC-2026-0001.html',
  'incidents/INC-2026-0012.html',
  'services/checkout-api.html',
  'history/index.html',
  'history/2026-11.html',
  'badges/index.html',
];
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let chromium: Browser | undefined;
let server: Awaited<ReturnType<typeof serveFolder>>;
/** Why the browser could not start: each test fails with it (uvu prints no reason for a failing hook). */
let launchError: unknown;

/** The started browser, or the reason it did not start. */
function started(): Browser {
  if (!chromium) throw launchError instanceof Error ? launchError : new Error(`Chromium did not start: ${String(launchError)}`);
  return chromium;
}

browser.before(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'incidents-browser-')), 'site');
  const built = await runCliCapturing(['build', '--out', out, '--at', AT]);
  assert.is(built.code, 0, built.stderr);
  // The internal report goes beside the site here only to be served by the same test server.
  const report = await runCliCapturing(['report', '--out', join(out, '..', 'report-out'), '--at', AT]);
  assert.is(report.code, 0, report.stderr);
  cpSync(join(out, '..', 'report-out'), join(out, 'report'), { recursive: true });
  server = await serveFolder(out);
  chromium = await launchChromium().catch((error: unknown) => {
    launchError = error;
    return undefined;
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

browser.after(async () => {
  await chromium?.close();
  await server?.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  browser(`axe-core finds no violations on any page (${colorScheme})`, async () => {
    const context = await started().newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      for (const path of PAGES) {
        const response = await page.goto(`${server.url}/${path}`);
        assert.is(response?.status(), 200, path);
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate<string[]>(`axe.run({ resultTypes: ['violations'] }).then((result) =>
          result.violations.map((violation) => violation.id + ': ' + violation.help + ' at ' + violation.nodes.map((node) => node.target.join(' ')).join(', ')))`);
        assert.equal(violations, [], `${path} (${colorScheme})`);
      }
    } finally {
      await context.close();
    }
  });
}

browser('with JavaScript off, a phone-sized page says what is broken, since when, and fits the screen', async () => {
  for (const [name, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    const context = await started().newContext({ viewport, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(`${server.url}/${path}`);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a ${viewport.width}px screen`);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${path.replaceAll('/', '-').replace('.html', '')}.png`), fullPage: true });
      }
      await page.goto(`${server.url}/report/index.html`);
      const textHeight = await page.evaluate<number>(
        `Math.min(...[...document.querySelectorAll('.chart text')].map((text) => text.getBoundingClientRect().height))`,
      );
      assert.ok(textHeight >= 10, `the report's chart text is ${textHeight.toFixed(1)}px tall on a ${viewport.width}px screen`);
      const sla = await page.getAttribute('figure:has(figcaption:text("SLA compliance")) svg', 'aria-label');
      assert.match(sla ?? '', /P1 update/, 'the SLA chart shows the update target too');
      await page.goto(`${server.url}/index.html`);
      const bars = await page.evaluate<number>(
        `[...document.querySelector('.uptime').querySelectorAll('rect')].filter((bar) => bar.getBoundingClientRect().width > 0).length`,
      );
      assert.is(bars, name === 'phone' ? 30 : 90, `${name} shows ${bars} days of bars`);
      assert.is(await page.textContent('h1'), 'Partial System Outage');
      const banner = await page.textContent('.overall');
      assert.match(banner ?? '', /Checkout API: partial outage/);
      const firstIncident = await page.textContent('#open + article');
      assert.match(firstIncident ?? '', /Some card payments declined at checkout/);
      assert.match(firstIncident ?? '', /Since 23 Nov 2026, 11:40 GMT \(50 min so far\)/);
      assert.match(firstIncident ?? '', /About 1 in 5 card payments are declined/);
      assert.ok(await page.isVisible('text=Sign-in service move to new data centre'), 'the upcoming maintenance is shown');
      assert.ok(await page.isVisible('text=No incidents ended in the last 14 days; the open ones are above.'), 'past incidents do not deny the open ones');
    } finally {
      await context.close();
    }
  }
});

browser("a reader in another time zone gets their local time beside each time (with scripts), and the page's own zone without", async () => {
  for (const [timezoneId, javaScriptEnabled, expected] of [
    ['America/New_York', true, /Since 23 Nov 2026, 11:40 GMT \(Nov 23, 6:40\sAM EST your time\) \(50 min so far\)/],
    ['America/New_York', false, /Since 23 Nov 2026, 11:40 GMT \(50 min so far\)/],
    ['Europe/London', true, /Since 23 Nov 2026, 11:40 GMT \(50 min so far\)/],
  ] as const) {
    const context = await started().newContext({ timezoneId, javaScriptEnabled, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/index.html`);
      const text = await page.textContent('#open + article');
      assert.match(text ?? '', expected, `${timezoneId}, scripts ${javaScriptEnabled ? 'on' : 'off'}: ${text}`);
      if (timezoneId === 'Europe/London') assert.is(await page.locator('.local').count(), 0, 'no local time for a reader in the page zone');
    } finally {
      await context.close();
    }
  }
});

browser('the stylesheet arrives: the font, the state colours and dark mode are computed as the CSS says', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await started().newContext({ colorScheme, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const path of ['index.html', 'report/index.html']) {
        await page.goto(`${server.url}/${path}`);
        const font = await page.evaluate<string>('getComputedStyle(document.body).fontFamily');
        assert.match(font, /^system-ui, .*sans-serif$/, `${path} (${colorScheme}) is set in ${font}`);
      }
      for (const [path, selector] of [
        ['history/2026-11.html', '.card header h2'],
        ['badges/index.html', '.card > h2'],
      ]) {
        await page.goto(`${server.url}/${path}`);
        const cardTitle = await page.evaluate<{ margin: string; border: string }>(
          `(() => { const style = getComputedStyle(document.querySelector(${JSON.stringify(selector)})); return { margin: style.marginTop, border: style.borderBottomStyle }; })()`,
        );
        assert.equal(cardTitle, { margin: '0px', border: 'none' }, `a card title on ${path} has no page-heading band or rule`);
      }
      await page.goto(`${server.url}/index.html`);
      const computed = await page.evaluate<{ background: string; states: Record<string, string> }>(`(() => {
        const root = getComputedStyle(document.documentElement);
        const states = {};
        for (const state of ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage']) states[state] = root.getPropertyValue('--' + state).trim();
        return { background: getComputedStyle(document.body).backgroundColor, states };
      })()`);
      const expected =
        colorScheme === 'light'
          ? { background: 'rgb(255, 255, 255)', operational: '#1a7f37', major_outage: '#c11f1f' }
          : { background: 'rgb(13, 17, 23)', operational: '#3fb950', major_outage: '#ff7b72' };
      assert.is(computed.background, expected.background, colorScheme);
      assert.is(computed.states.operational, expected.operational);
      assert.is(computed.states.major_outage, expected.major_outage);
      assert.is(new Set(Object.values(computed.states)).size, 5, 'each state has its own colour');
    } finally {
      await context.close();
    }
  }
});

browser("Chromium's XML parser reads every feed and badge as well-formed XML", async () => {
  const context = await started().newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/index.html`);
    const paths = [
      'history.atom',
      'history.rss',
      'services/checkout-api.atom',
      'services/checkout-api.rss',
      'badges/status.svg',
      'badges/services/checkout-api.svg',
    ];
    for (const path of paths) {
      const problem = await page.evaluate<string | null>(`fetch(${JSON.stringify(path)}).then((response) => response.text()).then((text) => {
        const error = new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror');
        return error ? error.textContent : null;
      })`);
      assert.is(problem, null, path);
    }
  } finally {
    await context.close();
  }
});

browser.run();
