// The newsroom in a real browser: a contributor writes a draft and submits it; an editor
// previews it, edits it (with the live preview and autosave), reads the diff, schedules
// it; it appears on the front page at its time; the editor adds a correction. The
// editor's screenshot is the README's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSiteAndBrowser, signInFirstTime, screenshotPath } from '../lib/dateline.mjs';

const env = useSiteAndBrowser();

function staff(role, name) {
  const added = env.site.cli('user', 'add', `${role}-${Date.now()}@example.org`, '--name', name, '--role', role);
  return { email: added.match(/\S+@example\.org/)[0], oneTime: added.match(/one-time password: (\S+)/)[1] };
}

// "2026-11-30T22:10:05" for a datetime-local field: UTC, as the form says.
function inputTime(date) {
  return date.toISOString().slice(0, 19);
}

test('a contributor submits a draft; an editor previews, edits, compares, schedules and corrects it', async () => {
  const writerAccount = staff('contributor', 'Wanda Writer');
  const editorAccount = staff('editor', 'Eddie Editor');

  // The contributor writes and submits, without a line of script on the page.
  const writerContext = await env.browser.newContext({ viewport: { width: 1100, height: 1000 }, javaScriptEnabled: false });
  const writer = await writerContext.newPage();
  await signInFirstTime(writer, env.site.url, writerAccount.email, writerAccount.oneTime);
  await writer.getByRole('link', { name: 'Newsroom' }).click();
  await writer.getByRole('link', { name: 'Write a new story' }).first().click();
  await writer.getByLabel('Headline', { exact: true }).fill('Harbour bridge reopens after repairs');
  await writer.getByLabel('Dateline', { exact: true }).fill('OSLO');
  await writer.getByLabel('Byline', { exact: true }).fill('By Wanda Writer');
  await writer.getByLabel(/^Text/).fill('The bridge reopened on Monday.\n\nTraffic was light.');
  await writer.getByRole('button', { name: 'Save draft' }).click();
  await writer.getByText('Draft saved. It is not published yet.').waitFor();
  assert.equal(await writer.getByRole('button', { name: 'Publish now' }).count(), 0, 'contributors do not publish');
  await writer.getByRole('button', { name: 'Submit for review' }).click();
  await writer.getByText('Status changed.').waitFor();
  const editorUrl = writer.url().replace(/\?.*$/, '');

  // The editor finds it waiting, previews it, edits it.
  const editorContext = await env.browser.newContext({ viewport: { width: 1280, height: 1100 } });
  const editor = await editorContext.newPage();
  await signInFirstTime(editor, env.site.url, editorAccount.email, editorAccount.oneTime);
  await editor.goto(env.site.url + '/admin');
  await editor.getByText('1 story waits for review').waitFor();
  await editor.getByRole('link', { name: 'Stories' }).click();
  await editor.getByRole('link', { name: 'Harbour bridge reopens after repairs' }).click();
  assert.equal(editor.url(), editorUrl);
  await editor.getByRole('link', { name: 'Preview', exact: true }).click();
  await editor.getByText('Preview of a story that is In review').waitFor();
  assert.match(await editor.locator('.story__body').innerText(), /OSLO — The bridge reopened on Monday\./);
  await editor.goBack();
  await editor.getByLabel(/^Text/).fill('The bridge reopened on Monday. It had been closed for two years.\n\nTraffic was light.');
  // With the script: the reader's view beside the text, and the text kept while typing.
  await editor.locator('[data-live-preview]').getByText('It had been closed for two years.').waitFor({ timeout: 5000 });
  await editor.locator('[data-autosave-status]').getByText(/^Kept at/).waitFor({ timeout: 10000 });
  await editor.screenshot({ path: screenshotPath('editor.png'), fullPage: false });
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await editor.getByText('Saved.').waitFor();

  // The diff of the two saves names the words added.
  await editor.getByRole('link', { name: 'Revisions' }).click();
  assert.equal((await editor.locator('.diff--body ins').first().innerText()).trim(), 'It had been closed for two years.');

  // Scheduled a few seconds ahead: not on the site before, on the front page after.
  await editor.goto(editorUrl);
  const at = new Date(Date.now() + 4000);
  await editor.getByLabel('Publish at (UTC)').fill(inputTime(at));
  await editor.getByRole('button', { name: 'Schedule' }).click();
  await editor.getByText('Status changed.').waitFor();
  assert.match(await editor.locator('.editor__status').innerText(), /Scheduled/);
  const reader = await env.browser.newPage();
  const early = await reader.goto(env.site.url + '/articles/harbour-bridge-reopens-after-repairs');
  if (Date.now() < at.getTime() - 500) assert.equal(early.status(), 404);
  // Poll the front page until the time has come (the page cache expires at that moment).
  let shown = false;
  for (let i = 0; i < 60 && !shown; i++) {
    await reader.goto(env.site.url + '/');
    shown = (await reader.getByRole('link', { name: 'Harbour bridge reopens after repairs' }).count()) > 0;
    if (!shown) await reader.waitForTimeout(250);
  }
  assert.ok(shown, 'the story reaches the front page at its time');
  assert.ok(Date.now() >= at.getTime() - 1000, 'not before its time');

  // The editor appends a correction; readers see it under the story.
  await editor.goto(editorUrl);
  await editor.getByLabel('What readers should know').fill('An earlier version gave the wrong length of the closure.');
  await editor.getByRole('button', { name: 'Add to the story' }).click();
  await editor.getByText('The correction is on the story').waitFor();
  await reader.goto(env.site.url + '/articles/harbour-bridge-reopens-after-repairs');
  await reader.locator('.correction').getByText('An earlier version gave the wrong length').waitFor();
  await writerContext.close();
  await editorContext.close();
  await reader.close();
});
