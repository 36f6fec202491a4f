// The conversation in two real browsers: a subscriber comments and replies, a second
// reader sees it arrive live, a moderator removes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSiteAndBrowser, signUpAndConfirm, signIn, signInFirstTime, repoRoot, screenshotPath } from '../lib/dateline.mjs';

const env = useSiteAndBrowser();
const ARTICLE = '/articles/kerry-lavrov-syria-truce';

test('a subscriber comments and replies, another reader sees it live, a moderator removes it', async () => {
  // The subscriber: signs up, confirms, and is given a subscription by the newsroom.
  const writerPage = await env.browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const email = `commenter-${Date.now()}@example.org`;
  const password = 'a long and memorable passphrase';
  await signUpAndConfirm(writerPage, env.site.url, { email, password, name: 'Ada Reader' });
  env.site.cli('subscription', 'grant', email, '--plan', 'digital-monthly', '--until', '2099-01-01');
  await signIn(writerPage, env.site.url, email, password, ARTICLE);
  await writerPage.waitForURL('**' + ARTICLE);

  // A second reader, anonymous, has the article open with the live script running.
  const context = await env.browser.newContext();
  const watcher = await context.newPage();
  await watcher.goto(env.site.url + ARTICLE);
  // The script marks the section once its event stream is open: no guessing with sleeps.
  await watcher.locator('.comments[data-live-state="open"]').waitFor();

  await writerPage.getByLabel('Join the conversation').fill('The talks sound promising.\n\nLet us see.');
  await writerPage.getByRole('button', { name: 'Post comment' }).click();
  await writerPage.waitForURL(/#comment-\d+$/);
  const first = writerPage.locator('.comment').filter({ hasText: 'The talks sound promising.' });
  await assert.doesNotReject(first.waitFor());

  // It arrives in the other browser without a reload.
  const arrived = watcher.locator('.comment').filter({ hasText: 'The talks sound promising.' });
  await arrived.waitFor({ timeout: 3000 });
  assert.equal(await arrived.locator('.comment__author').innerText(), 'Ada Reader');

  // A moderator has the page open too, signed in: what arrives live comes with the
  // controls this reader has (here Remove), with no reload.
  const added = env.site.cli('user', 'add', `mod-${Date.now()}@example.org`, '--name', 'Moderator', '--role', 'moderator');
  const modEmail = added.match(/\S+@example\.org/)[0];
  const modPassword = added.match(/one-time password: (\S+)/)[1];
  const modContext = await env.browser.newContext();
  const moderator = await modContext.newPage();
  await signInFirstTime(moderator, env.site.url, modEmail, modPassword);
  await moderator.goto(env.site.url + ARTICLE);
  await moderator.locator('.comments[data-live-state="open"]').waitFor();

  // A reply, through the reply form under the comment (no script needed to open it).
  await first.getByText('Reply', { exact: true }).click();
  await first.getByLabel('Your reply to Ada Reader').fill('Replying to myself, with https://example.org');
  await first.getByRole('button', { name: 'Post reply' }).click();
  await writerPage.waitForURL(/#comment-\d+$/);
  const reply = watcher.locator('.comment--reply').filter({ hasText: 'Replying to myself' });
  await reply.waitFor({ timeout: 3000 });
  assert.equal(await reply.locator('a[rel="nofollow ugc noopener"]').count(), 1);
  const live = moderator.locator('.comment--reply').filter({ hasText: 'Replying to myself' });
  await live.waitFor({ timeout: 3000 });
  assert.equal(await live.locator('summary', { hasText: 'Remove' }).count(), 1, 'controls arrive live');
  await writerPage.screenshot({ path: screenshotPath('comments.png') });
  // Comment controls and sort links are targets a thumb can hit: 24 pixels or more.
  await writerPage.reload();
  const heights = await writerPage
    .locator('.comments__sort a, .comments__sort strong, .comment__actions summary, .comment__actions .link-button')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.ok(heights.length >= 3 && heights.every((h) => h >= 24), `targets at least 24px tall: ${heights}`);

  // The moderator removes the first comment from the page.
  await moderator.goto(env.site.url + ARTICLE);
  const target = moderator.locator('.comment').filter({ hasText: 'The talks sound promising.' }).first();
  // Removing asks first; a moderator sees Remove, not Delete, on someone else's comment.
  assert.equal(await target.getByText('Delete', { exact: true }).count(), 0);
  await target.locator('summary', { hasText: 'Remove' }).click();
  await target.getByRole('button', { name: 'Yes, remove it' }).click();
  await moderator.waitForURL('**/admin/comments**');
  await watcher.reload();
  assert.equal(await watcher.getByText('The talks sound promising.').count(), 0);
  assert.equal(await watcher.getByText('Replying to myself').count(), 1, 'the reply stays');
  await context.close();
  await modContext.close();
  await writerPage.close();
});
