// Starts the real dateline binary on a free port with a fresh data folder, and a real
// Chromium (Debian's) driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Where screenshots go: under the build folder during `make test` (the tracked ones in
// docs/ stay untouched), or docs/ itself for `make screenshots` (DATELINE_SCREENSHOTS).
export const screenshotDir = process.env.DATELINE_SCREENSHOTS
  ? path.resolve(process.env.DATELINE_SCREENSHOTS)
  : path.join(path.dirname(process.env.DATELINE_BINARY || path.join(repoRoot, 'build', 'dateline')), 'screenshots');
export function screenshotPath(name) {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, name);
}
const binary = process.env.DATELINE_BINARY || path.join(repoRoot, 'build', 'dateline');

export async function startDateline(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dateline-e2e-'));
  // Email goes to the test SMTP server when scripts/run-tests started one.
  const env = { ...process.env };
  if (process.env.DATELINE_TEST_SMTP_URL) {
    env.DATELINE_MAIL_TRANSPORT = 'smtp';
    env.DATELINE_SMTP_URL = process.env.DATELINE_TEST_SMTP_URL;
  }
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs];
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dateline did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`dateline exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    // Runs a dateline command against this server's store (publishing, gift codes...).
    cli: (...args) =>
      execFileSync(binary, [...args, '--data-dir', dataDir], { encoding: 'utf8', env }),
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The Stripe stand-in (tests/stripe-standin): Stripe's API, hosted checkout and billing
// portal pages, and signed webhooks, on a free loopback port.
export const STRIPE_KEY = 'sk_test_e2e';
export const STRIPE_WEBHOOK_SECRET = 'whsec_test_e2e';
export async function startStripeStandin() {
  const script = path.join(repoRoot, 'tests', 'stripe-standin', 'stripe-standin');
  const child = spawn(
    script,
    ['--api-key', STRIPE_KEY, '--webhook-secret', STRIPE_WEBHOOK_SECRET, '--price', 'price_monthly:900:month'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c.toString();
      const m = out.match(/listening on (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`stripe-standin exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async sendEventsTo(siteUrl) {
      await fetch(url + '/_standin/webhook', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ url: siteUrl + '/webhooks/stripe' }),
      });
    },
    stop() {
      child.kill('SIGKILL');
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Waits for an email to `to` whose subject contains `subject` (from scripts/smtp-sink's
// folder) and returns its plain text.
export async function waitForMail(to, subject, seen = new Set(), timeoutMs = 10000) {
  return (await waitForMailParts(to, subject, seen, timeoutMs)).text;
}

// The same, with every part: { text, html, raw }.
export async function waitForMailParts(to, subject, seen = new Set(), timeoutMs = 10000) {
  const dir = process.env.DATELINE_TEST_MAIL_DIR;
  if (!dir) throw new Error('DATELINE_TEST_MAIL_DIR is not set: run through scripts/run-tests');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(`-${to}.txt`) && !seen.has(f))
      .sort((a, b) => parseInt(a) - parseInt(b));
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      if (text.split('\n')[1].includes(subject)) {
        seen.add(f);
        const base = path.join(dir, f.slice(0, -4));
        return {
          text: text.slice(text.indexOf('\n\n') + 2),
          html: readFileSync(base + '.html', 'utf8'),
          raw: readFileSync(base + '.eml', 'utf8'),
        };
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no email "${subject}" for ${to}`);
}

// Signs up through the form and confirms the address with the link from the real email;
// the page is left on the confirmation's answer.
export async function signUpAndConfirm(page, siteUrl, { email, password, name }) {
  await page.goto(siteUrl + '/signup');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name shown with your comments').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  const mail = await waitForMail(email, 'Confirm your email');
  await page.goto(mail.match(/https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/)[0]);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
}

// Signs in through the form, asking to return to `next`.
export async function signIn(page, siteUrl, email, password, next = '/') {
  await page.goto(siteUrl + '/login?next=' + encodeURIComponent(next));
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

// Signs in an account made with `dateline user add` and, as the server insists, replaces
// its one-time password at /account before anything else; returns the new password.
export async function signInFirstTime(page, siteUrl, email, oneTimePassword) {
  await signIn(page, siteUrl, email, oneTimePassword);
  await page.waitForURL('**/account');
  const own = 'a passphrase of my very own';
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password').fill(own);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL('**/account**');
  return own;
}

// For a test file: a fresh server and browser before its tests, stopped after them.
// Returns an object whose `site` and `browser` are set once the hook has run.
export function useSiteAndBrowser() {
  const env = {};
  before(async () => {
    env.site = await startDateline();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.stop();
  });
  return env;
}
