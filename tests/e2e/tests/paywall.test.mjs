// A reader meets the paywall, signs up, redeems a gift code and reads the whole article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useSiteAndBrowser, signUpAndConfirm, signIn, repoRoot, screenshotPath } from '../lib/dateline.mjs';

const env = useSiteAndBrowser();

test('paywall, sign up, redeem a gift code, read the whole article', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-paywall-'));
  const file = path.join(dir, 'paid.md');
  writeFileSync(
    file,
    '---\nheadline: Inside the negotiations\ndateline: GENEVA\nslug: inside-the-negotiations\naccess: subscribers\n---\n' +
      'The first paragraph is free to read.\n\nSo is the second one.\n\nThe third paragraph is for subscribers only.\n',
  );
  env.site.cli('article', 'publish', file);
  const codes = env.site.cli('subscription', 'gift', '--plan', 'digital-monthly', '--days', '30', '--expires', '2099-01-01');
  const code = codes.match(/[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}/)[0];

  const page = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(env.site.url + '/articles/inside-the-negotiations');
  assert.equal(await page.locator('.paywall h2').innerText(), 'This article is for subscribers');
  assert.equal(await page.getByText('for subscribers only').count(), 0);
  await page.screenshot({ path: screenshotPath('paywall.png') });

  const email = `paywall-${Date.now()}@example.org`;
  const password = 'a long and memorable passphrase';
  await signUpAndConfirm(page, env.site.url, { email, password, name: 'New Subscriber' });
  await signIn(page, env.site.url, email, password, '/subscribe/redeem');
  await page.waitForURL('**/subscribe/redeem');
  await page.getByLabel('Gift code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Redeem' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Welcome, subscriber');

  await page.goto(env.site.url + '/articles/inside-the-negotiations');
  assert.equal(await page.getByText('The third paragraph is for subscribers only.').count(), 1);
  assert.equal(await page.locator('.paywall').count(), 0);
  await page.close();
});
