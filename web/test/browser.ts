import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export type { Page };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

/** Debian's Chromium, never a downloaded browser build: a clear message when the package is missing. */
export const assertChromium = (): void => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's "chromium" package (${INSTALL_HINT}).`,
    );
  }
};

export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.1 A/AA rules (contrast, labels, names, landmarks...) on the page as it is now. */
export const auditAccessibility = async (page: Page): Promise<A11yViolation[]> => {
  // through the DevTools protocol: the app's Content-Security-Policy refuses an injected inline <script>; once per
  // document (a screen reached inside the app keeps it: half a megabyte of script not parsed again)
  if (await page.evaluate(`typeof axe === 'undefined'`)) await page.evaluate(axeSource);
  return (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as A11yViolation[];
};

/** A layout problem at phone size: the page is wider than the viewport because of `widest`. */
export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  widest: string | null;
}

/**
 * Whether anything sticks out of the viewport sideways, and if so the element that sticks out furthest
 * (the deepest one of that width, so the report names the cause rather than its containers).
 */
export const overflowOf = (page: Page): Promise<Overflow> =>
  page.evaluate(`(() => {
    const vw = window.innerWidth;
    let widest = null;
    let right = vw + 0.5;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      // ties go to the later element in document order, the deeper one: the cause, not its containers
      if (r.width === 0 || r.right < right) continue;
      // an element inside a container that scrolls sideways (tables in .table-wrap) is meant to be wider
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') { clipped = true; break; }
        p = p.parentElement;
      }
      if (clipped) continue;
      right = r.right;
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      widest = el.tagName.toLowerCase() + cls + ' (right edge ' + Math.round(r.right) + ' px): ' + (el.textContent || '').trim().slice(0, 60);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, widest };
  })()`);

/** Every phone-width screenshot's layout check of this test file (the web harness lists them as its layout report). */
export const layoutChecks: { name: string; overflow: Overflow }[] = [];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /**
   * Full-page PNG at test-results/screenshots/<name>.png; at phone width (up to 480 px) it then checks that nothing
   * sticks out sideways (issue #29's layout check, on every screen any suite photographs) and fails naming the cause.
   */
  shot: (name: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. No host name but 127.0.0.1 resolves, so a test can never reach the internet
 * (no fonts, no Stripe.js, no telemetry).
 */
export const launchBrowser = async (
  screenshotDir: string,
  o: {
    args?: readonly string[];
    /**
     * The app's service worker (issue #31) precaches the whole app shell, about 1.1 MB, on a page's first load: only
     * the suites that test it allow it; the others block it and load every page from the server as before.
     */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<Browser> => {
  assertChromium();
  mkdirSync(screenshotDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'ftt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    serviceWorkers: o.serviceWorkers ?? 'block',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // every host name but the loopback address resolves to nothing: the browser never leaves the machine, without
      // pausing every request for a round trip to the test process (what a `route` on every request did)
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      // a suite's own, e.g. a fake camera that plays a file (the label scanner's test)
      ...(o.args ?? []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    shot: async (name) => {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      const width = page.viewportSize()?.width ?? DESKTOP.width;
      if (width <= 480) {
        const overflow = await overflowOf(page);
        layoutChecks.push({ name, overflow });
        if (overflow.scrollWidth > overflow.innerWidth)
          throw new Error(
            `${name}: the page is ${overflow.scrollWidth} px wide at ${overflow.innerWidth} px; widest: ${overflow.widest} (screenshot ${path})`,
          );
      }
      return path;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
