// A reader buys a subscription through Stripe Checkout (the stand-in's hosted page) in a
// real browser, comes back to their account, reads, and cancels the renewal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startDateline,
  startStripeStandin,
  launchBrowser,
  signUpAndConfirm,
  signIn,
  repoRoot,
  STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET,
  screenshotPath,
} from '../lib/dateline.mjs';

const env = {};
before(async () => {
  env.stripe = await startStripeStandin();
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-stripe-'));
  env.config = path.join(dir, 'dateline.toml');
  writeFileSync(
    env.config,
    `[payments]\nprovider = "stripe"\nstripe_api_base = "${env.stripe.url}"\n` +
      `stripe_secret_key = "${STRIPE_KEY}"\nstripe_webhook_secret = "${STRIPE_WEBHOOK_SECRET}"\n\n` +
      `[[plans]]\ncode = "digital-monthly"\nname = "Digital, monthly"\n` +
      `description = "Every article on every device, and the right to comment."\n` +
      `price_cents = 900\nstripe_price = "price_monthly"\n`,
  );
  env.site = await startDateline(['--config', env.config]);
  await env.stripe.sendEventsTo(env.site.url);
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.site?.stop();
  env.stripe?.stop();
});

test('subscribe through Stripe Checkout, read, cancel the renewal', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-paid-'));
  const file = path.join(dir, 'paid.md');
  writeFileSync(
    file,
    '---\nheadline: The paid story\nslug: the-paid-story\naccess: subscribers\n---\n' +
      'Free one.\n\nFree two.\n\nOnly subscribers read this sentence.\n',
  );
  env.site.cli('article', 'publish', file);

  const page = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const email = `stripe-${Date.now()}@example.org`;
  const password = 'a long and memorable passphrase';
  await signUpAndConfirm(page, env.site.url, { email, password, name: 'Paying Reader' });
  await signIn(page, env.site.url, email, password, '/subscribe');
  await page.waitForURL('**/subscribe');
  await page.screenshot({ path: screenshotPath('subscribe.png') });

  // The form posts to us; we answer with a redirect to Stripe's page, which the page's
  // CSP form-action must allow; "paying" there brings the reader back.
  await page.getByRole('button', { name: 'Choose Digital, monthly' }).click();
  await page.waitForURL('**/account?done=checkout');
  assert.match(await page.locator('.notice--ok').innerText(), /Thank you for subscribing/);
  assert.match(await page.locator('main').innerText(), /Digital, monthly: active renews on/);

  await page.goto(env.site.url + '/articles/the-paid-story');
  assert.equal(await page.getByText('Only subscribers read this sentence.').count(), 1);

  await page.goto(env.site.url + '/account');
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await page.waitForURL('**/account?done=canceled');
  assert.match(await page.locator('main').innerText(), /ends on/);
  await page.getByRole('button', { name: 'Manage payment' }).click();
  await page.waitForURL(env.stripe.url + '/p/session/**');
  assert.equal(await page.locator('h1').innerText(), 'Manage your subscription');
  await page.close();
});
