// A reader's account journey in a real browser, with real email: sign up, confirm, log
// out, forget the password, read the code from the SMTP server, reset, sign in again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSiteAndBrowser, waitForMail, repoRoot, screenshotPath } from '../lib/dateline.mjs';

const env = useSiteAndBrowser();

test('sign up, confirm, log out, reset the password by emailed code, sign in', async () => {
  const email = `journey-${Date.now()}@example.org`;
  const first = 'a long and memorable passphrase';
  const second = 'another long and memorable one';
  const page = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });

  await page.goto(env.site.url + '/articles/kerry-lavrov-syria-truce');
  await page.getByRole('link', { name: 'Log in' }).first().click();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name shown with your comments').fill('Journey Reader');
  await page.getByLabel('Password', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Create account' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Check your email');

  const confirmation = await waitForMail(email, 'Confirm your email');
  const link = confirmation.match(/https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/)[0];
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Your email is confirmed');

  await page.goto(env.site.url + '/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.goto(env.site.url + '/account');
  assert.match(await page.locator('main').innerText(), /confirmed/);
  // Secondary buttons in forms keep their outline (a bare word is not a button).
  const border = await page.getByRole('button', { name: 'Change password' })
    .evaluate((b) => parseFloat(getComputedStyle(b).borderTopWidth));
  assert.ok(border >= 1, `the Change password button has a border (${border}px)`);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(env.site.url + '/');
  assert.equal(await page.getByRole('link', { name: 'Log in' }).count(), 1);

  // Forgotten password.
  await page.goto(env.site.url + '/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  assert.match(
    await page.locator('main').innerText(),
    /Use the form below to reset your password\. When you've submitted your account email, we will send an email with a reset code\./,
  );
  await page.getByLabel('Account email').fill(email);
  await page.getByRole('button', { name: 'Send reset code' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Check your email');
  const resetMail = await waitForMail(email, 'reset code');
  const code = resetMail.match(/\b[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}\b/)[0];
  await page.getByRole('link', { name: 'Enter your reset code' }).click();
  await page.getByLabel('Account email').fill(email);
  await page.getByLabel('Reset code').fill(code.toLowerCase());
  await page.getByLabel('New password', { exact: true }).fill(second);
  await page.screenshot({ path: screenshotPath('reset-code.png') });
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.waitForURL('**/login?reset=1');
  assert.match(await page.locator('main').innerText(), /Your password has been changed/);
  await waitForMail(email, 'password was changed');

  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Log in' }).click();
  assert.match(await page.locator('main').innerText(), /email or password is not right/);
  await page.getByLabel('Password', { exact: true }).fill(second);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(env.site.url + '/');
  assert.equal(await page.getByRole('link', { name: 'Journey Reader' }).count(), 1);
  await page.close();
});
