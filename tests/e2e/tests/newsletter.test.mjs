// Newsletters in a real browser, with real email: a reader signs up from the box under a
// story and confirms by the button; an editor sends the story from its editor (after a
// preview, which is the README's screenshot); the reader's mailbox has it, and the
// reader's mail client unsubscribes with one click (a POST with no cookie, RFC 8058).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSiteAndBrowser, signInFirstTime, screenshotPath, waitForMail, waitForMailParts } from '../lib/dateline.mjs';

const env = useSiteAndBrowser();

test('a reader signs up, an editor sends a story, the reader unsubscribes with one click', async () => {
  env.site.cli('newsletter', 'add', 'The Morning Briefing', '--description', 'The news that matters, every morning at seven.');
  const email = `briefing-${Date.now()}@example.org`;

  // The reader: from the box under a story, to the newsletters page, to the button.
  const reader = await env.browser.newPage({ viewport: { width: 1000, height: 900 } });
  await reader.goto(env.site.url + '/articles/kerry-lavrov-syria-truce');
  const box = reader.getByRole('complementary', { name: 'Get The Morning Briefing in your inbox' });
  await box.getByLabel('Email').fill(email);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await reader.waitForURL('**/newsletters?**');
  assert.equal(await reader.getByLabel(/The Morning Briefing/).isChecked(), true);
  await reader.getByRole('button', { name: 'Sign up' }).click();
  assert.equal(await reader.locator('h1').innerText(), 'Check your email');
  const confirmation = await waitForMail(email, 'Confirm your newsletters');
  await reader.goto(confirmation.match(/https?:\/\/\S+\/newsletters\/confirm\?token=[A-Za-z0-9_-]+/)[0]);
  await reader.getByRole('button', { name: 'Confirm' }).click();
  assert.equal(await reader.locator('h1').innerText(), 'You are signed up');

  // The editor: from the story's editor to the send page; a preview, then to readers.
  const added = env.site.cli('user', 'add', `editor-${Date.now()}@example.org`, '--name', 'Eddie Editor', '--role', 'editor');
  const editor = await (await env.browser.newContext({ viewport: { width: 1280, height: 1300 } })).newPage();
  await signInFirstTime(editor, env.site.url, added.match(/\S+@example\.org/)[0], added.match(/one-time password: (\S+)/)[1]);
  await editor.goto(env.site.url + '/admin/articles');
  await editor.getByRole('link', { name: /Kerry, Lavrov report progress/ }).click();
  await editor.getByRole('link', { name: 'Send as a newsletter' }).click();
  await editor.getByLabel(/^Subject/).fill('Geneva: a truce within reach');
  await editor.getByRole('button', { name: 'Preview' }).click();
  const preview = editor.frameLocator('iframe.newsletter-preview');
  await preview.getByRole('heading', { name: /Kerry, Lavrov report progress/ }).waitFor();
  assert.match(await preview.locator('body').innerText(), /GENEVA/);
  await editor.screenshot({ path: screenshotPath('newsletter.png'), fullPage: true });
  await editor.getByRole('button', { name: 'Send to readers' }).click();
  await editor.waitForURL('**/admin/newsletters/issues/**');
  await editor.getByText(/^Sent/).waitFor({ timeout: 15000 });

  // The reader's mailbox has it, laid out as mail clients show it.
  const mail = await waitForMailParts(email, 'Geneva: a truce within reach');
  assert.match(mail.raw, /\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);
  const inbox = await env.browser.newPage({ viewport: { width: 700, height: 1000 } });
  await inbox.setContent(mail.html);
  assert.match(await inbox.locator('h1').innerText(), /Kerry, Lavrov report progress/);
  await inbox.close();

  // The mail client's one-click unsubscribe: a POST to the header's link, no cookie.
  const link = mail.raw.match(/\r\nList-Unsubscribe: <([^>]+)>/)[1];
  const left = await fetch(link, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(left.status, 200);
  assert.match(env.site.cli('newsletter', 'status', 'the-morning-briefing'), /0 confirmed, 0 waiting for confirmation, 1 unsubscribed/);
  // Their preferences page (the same key) shows it unticked.
  await reader.goto(link.replace('/unsubscribe?', '/preferences?'));
  assert.equal(await reader.getByLabel(/The Morning Briefing/).isChecked(), false);
  await reader.close();
});
