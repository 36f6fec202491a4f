// The front page as a newsroom makes it and readers see it: an editor uploads an image
// with its alt text, makes it a story's lead image, pins the story on the front page;
// a reader on a desktop and on a phone sees it lead, with its picture, sections and
// bylines, and nothing wider than the screen. The screenshots are the README's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useSiteAndBrowser, signInFirstTime, screenshotPath } from '../lib/dateline.mjs';
import { makePng } from '../lib/images.mjs';

const env = useSiteAndBrowser();

const stories = [
  { slug: 'harbour-reopens', headline: 'Harbour reopens to shipping after a winter of repairs', section: 'News', authors: 'Ines Duarte', dek: 'Cranes are back on the quay and the first container ship is due on Monday.', colours: [[150, 190, 220], [60, 90, 70]] },
  { slug: 'budget-vote', headline: 'Council passes a budget that spares the libraries', section: 'Politics', authors: 'Tom Becker, Photographs by Ana Lima', dek: 'A late amendment moved money from parking to reading rooms.', colours: [[230, 200, 170], [120, 80, 60]], access: 'subscribers' },
  { slug: 'rail-strike', headline: 'Rail strike called off as talks resume', section: 'News', authors: 'Ines Duarte', dek: 'Unions and operators will meet again on Thursday.', colours: [[200, 210, 230], [90, 90, 110]] },
  { slug: 'bakery-boom', headline: 'The bakery that doubled the size of its street', section: 'Business', authors: 'Mara Olsen', dek: 'How a family firm became the neighbourhood’s largest employer.', colours: [[240, 220, 190], [160, 110, 60]] },
  { slug: 'quiet-streets', headline: 'Why our streets should be quieter after nine', section: 'Opinion', authors: 'Sam Reyes', dek: 'Noise is a health problem we already know how to solve.', colours: [[210, 200, 230], [70, 60, 100]] },
  { slug: 'market-week', headline: 'Markets end the week higher on hopes for lower rates', section: 'Business', authors: 'Mara Olsen', dek: 'Shares rose for a third day.' },
  { slug: 'river-cleanup', headline: 'Volunteers pull two tonnes of rubbish from the river', section: 'News', authors: 'Ines Duarte', dek: 'The yearly clean-up drew its largest crowd yet.' },
];

test('an editor puts a story with its picture at the top of the front page; readers see it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-e2e-front-'));
  // A morning's stories, from the command line as a wire desk would file them.
  for (const [i, s] of stories.entries()) {
    let image = '';
    if (s.colours) {
      const file = path.join(dir, `${s.slug}.png`);
      writeFileSync(file, makePng(1600, 1000, ...s.colours));
      const added = env.site.cli('image', 'add', file, '--alt', `Photograph for ${s.headline}`, '--credit', 'Photograph: The Dateline');
      image = `image: ${added.match(/key ([0-9a-f]{32})/)[1]}\n`;
    }
    const md = path.join(dir, `${s.slug}.md`);
    const when = new Date(Date.now() - (stories.length - i) * 3600_000).toISOString().slice(0, 19) + 'Z';
    writeFileSync(md, `---\nheadline: ${s.headline}\nslug: ${s.slug}\ndek: ${s.dek}\nsection: ${s.section}\nauthors: ${s.authors}\naccess: ${s.access || 'free'}\npublished: ${when}\n${image}---\nThe first paragraph of the story.\n\nA second paragraph.\n\nA third, for subscribers when the story is theirs.\n`);
    env.site.cli('article', 'publish', md);
  }
  const added = env.site.cli('user', 'add', `editor-${Date.now()}@example.org`, '--name', 'Eda Editor', '--role', 'editor');
  const editorContext = await env.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const editor = await editorContext.newPage();
  await signInFirstTime(editor, env.site.url, added.match(/\S+@example\.org/)[0], added.match(/one-time password: (\S+)/)[1]);

  // In the demo story's editor, the editor uploads a photograph with its alt text; it
  // comes back in the lead image field, and a save makes it the lead.
  await editor.goto(env.site.url + '/admin/articles');
  await editor.getByRole('link', { name: 'Kerry, Lavrov report progress toward renewing Syria truce' }).click();
  const storyEditor = editor.url();
  await editor.getByText('Upload a lead image').click();
  const photo = path.join(dir, 'summit.png');
  writeFileSync(photo, makePng(2000, 1250, [170, 200, 235], [40, 70, 60]));
  await editor.getByLabel(/^Image/).setInputFiles(photo);
  await editor.getByLabel(/^Alt text/).fill('Delegates walk along the lake shore in Geneva');
  await editor.getByLabel('Credit', { exact: true }).fill('Photograph: Ann Lee');
  await editor.getByRole('button', { name: 'Upload and use as the lead image' }).click();
  await editor.getByText('Uploaded. Save the story to make it the lead image.').waitFor();
  assert.ok(editor.url().startsWith(storyEditor));
  const key = await editor.getByLabel(/^Lead image/).inputValue();
  assert.match(key, /^[0-9a-f]{32}$/);
  await editor.getByRole('button', { name: /^Save/ }).first().click();
  await editor.locator('.editor__lead-thumb').waitFor();
  // The library lists it, with the Markdown that puts it in a story's text.
  await editor.goto(env.site.url + '/admin/media');
  assert.equal(await editor.locator('.media-grid__key code').first().textContent(), key);

  // The editor pins it at the top of the front page, and shows two sections as blocks.
  await editor.goto(env.site.url + '/admin/front');
  const pin = (headline) => editor.locator('.front-plan__item', { hasText: headline }).getByRole('button', { name: /^Pin/ }).click();
  await pin('Kerry, Lavrov report progress toward renewing Syria truce');
  await editor.getByText('The front page is arranged.').waitFor();
  await pin('The bakery that doubled the size of its street');
  await editor.getByLabel('News', { exact: true }).check();
  await editor.getByLabel('Politics').check();
  await editor.getByRole('button', { name: 'Save the plan' }).click();
  await editor.getByText('The front page is arranged.').waitFor();
  await editorContext.close();

  // A reader on a desktop: the pinned story leads, with its picture at full size.
  const desktop = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await desktop.goto(env.site.url + '/');
  const lead = desktop.locator('.lead-story');
  assert.equal(await lead.locator('.lead-story__headline').textContent(), 'Kerry, Lavrov report progress toward renewing Syria truce');
  const leadImage = lead.locator('img');
  assert.equal(await leadImage.getAttribute('alt'), 'Delegates walk along the lake shore in Geneva');
  // Every picture on the first screen has arrived (the lazy ones below may wait).
  const onScreenLoaded = () => [...document.images]
    .filter((i) => i.getBoundingClientRect().top < window.innerHeight)
    .every((i) => i.complete && i.naturalWidth > 0);
  await desktop.waitForFunction(onScreenLoaded);
  const shown = await leadImage.evaluate((img) => ({ src: img.currentSrc, width: img.getBoundingClientRect().width, w: img.getAttribute('width'), h: img.getAttribute('height') }));
  assert.match(shown.src, new RegExp(`/media/${key}-\\d+\\.webp$`), 'WebP where the browser takes it');
  assert.ok(shown.width > 600, `the lead picture uses the width (${shown.width}px)`);
  assert.ok(Number(shown.w) > 0 && Number(shown.h) > 0, 'the box is reserved before the image loads');
  // Pinned second: the first top story; the Latest rail; the section blocks; a subscriber marker.
  assert.equal(await desktop.locator('.top-stories .card__headline').first().textContent(), 'The bakery that doubled the size of its street');
  assert.ok(await desktop.locator('.story-list .card').count() > 0);
  for (const name of ['News', 'Politics']) {
    assert.ok(await desktop.locator('.section-block h2', { hasText: name }).isVisible(), `${name} block`);
  }
  assert.ok(await desktop.locator('.marker--subscribers').first().isVisible());
  // The lead and the Latest rail sit side by side on a desktop.
  const leadBox = await lead.boundingBox();
  const railBox = await desktop.locator('.story-list').boundingBox();
  assert.ok(railBox.x > leadBox.x + leadBox.width - 1, 'the rail is beside the lead');
  await desktop.screenshot({ path: screenshotPath('front.png') });
  // The story shares its picture.
  await desktop.goto(env.site.url + '/articles/kerry-lavrov-syria-truce');
  assert.match(await desktop.locator('meta[property="og:image"]').getAttribute('content'), new RegExp(`/media/${key}-share\\.jpg$`));
  assert.equal(await desktop.locator('.story__figure img').getAttribute('alt'), 'Delegates walk along the lake shore in Geneva');
  await desktop.close();

  // A reader on a phone: the same order, stacked, nothing wider than the screen.
  const phone = await env.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.goto(env.site.url + '/');
  await phone.waitForFunction(onScreenLoaded);
  assert.equal(await phone.locator('.lead-story__headline').textContent(), 'Kerry, Lavrov report progress toward renewing Syria truce');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the phone page is ${overflow}px too wide`);
  const phoneLead = await phone.locator('.lead-story img').boundingBox();
  assert.ok(phoneLead.width >= 340, 'the lead picture spans the phone');
  assert.ok(await phone.getByRole('searchbox', { name: 'Search stories' }).isVisible());
  await phone.screenshot({ path: screenshotPath('front-phone.png') });
  await phone.close();
  rmSync(dir, { recursive: true, force: true });
});

test('search finds a phrase, marks it, and leaves the paywalled part out', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(env.site.url + '/');
  await page.getByRole('searchbox', { name: 'Search stories' }).fill('"technical discussions"');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('One story matches.').waitFor();
  assert.equal(await page.locator('.search-result__snippet mark').first().textContent(), 'technical');
  await page.goto(env.site.url + '/search?q=' + encodeURIComponent('third for subscribers'));
  // Only the free stories' third paragraph is found: the subscribers' story stays out.
  assert.equal(await page.locator('.search-results a[href="/articles/budget-vote"]').count(), 0);
  await page.close();
});
