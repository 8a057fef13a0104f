/**
 * What the console's browser tests share: the service (web and worker roles) with the fake Zalo,
 * tokens for each role, Debian's chromium driven by playwright-core (never a browser a test tool
 * downloads), screenshots kept under test-artifacts/console/, and axe-core's accessibility check.
 * Every page load is watched for Content-Security-Policy refusals and script errors.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHarness, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'console');
export const ADMIN_TOKEN = 'test-admin-token';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface ConsoleHarness {
  h: Harness;
  app: RunningApp;
  /** http://127.0.0.1:<port> */
  origin: string;
  browser: Browser;
  /** Makes a token of a role (team: for a village, or `commune`). */
  token(role: 'officer' | 'team' | 'onestop' | 'admin', name: string, village?: string): Promise<string>;
  /** A fresh browser context (its own sessionStorage) at the viewport; the page records problems. */
  page(viewport?: ViewportName): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** CSP refusals, script errors and failed API calls seen so far. */
  problems: string[];
}

export async function startConsoleHarness(name: string, env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const h = await createHarness(name, { env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', ...env } });
  const app = await h.start({ web: true, worker: true });
  const origin = `http://127.0.0.1:${app.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  mkdirSync(ARTIFACTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    h,
    app,
    origin,
    browser,
    async token(role, tokenName, village) {
      const res = await axios.post(
        `${origin}/api/v1/tokens`,
        { role, name: tokenName, ...(village ? { village } : {}) },
        { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      );
      return res.data.token as string;
    },
    async page(viewport = 'desktop') {
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      return { page, context, problems };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await h.close();
    },
  };
}

/** Opens the console signed in with `token`, as `npm run dev`'s link does (#token=…). */
export async function openSignedIn(page: Page, origin: string, token: string, route = ''): Promise<void> {
  await page.goto(`${origin}/console/#token=${encodeURIComponent(token)}`);
  await page.getByRole('navigation').waitFor();
  if (route) await page.goto(`${origin}/console/#/${route}`);
}

/** Everything the page reads has arrived: no "loading" line left (polled: the CSP forbids eval in the page). */
export async function settled(page: Page, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while ((await page.locator('main .muted[role=status]').count()) > 0) {
    if (Date.now() - started > timeoutMs) throw new Error(`still loading after ${timeoutMs} ms: ${page.url()}`);
    await page.waitForTimeout(50);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core over the page (WCAG 2 A/AA rules), run through the DevTools protocol so the page's
 * CSP, which forbids inline scripts, does not stop it; the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<
    AxeViolation[]
  >(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
