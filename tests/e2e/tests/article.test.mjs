// A reader opens the demo article in a real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { useSiteAndBrowser, repoRoot, screenshotPath, signInFirstTime } from '../lib/dateline.mjs';

const require = createRequire(import.meta.url);
const ARTICLE = '/articles/kerry-lavrov-syria-truce';
const NOTICE =
  'Only subscribers are eligible to post comments. Please subscribe or login first for digital access. Here\u2019s why.';

const env = useSiteAndBrowser();

test('the article page shows the story, the notice and its three links', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const response = await page.goto(env.site.url + ARTICLE);
  assert.equal(response.status(), 200);
  assert.equal(
    await page.locator('h1').innerText(),
    'Kerry, Lavrov report progress toward renewing Syria truce',
  );
  const paragraphs = await page.locator('.story__body p').allInnerTexts();
  assert.equal(paragraphs.length, 6);
  assert.match(paragraphs[0], /^GENEVA \u2014 U\.S\. Secretary of State John Kerry/);
  assert.match(paragraphs[0], /5\u00bd-year conflict\.$/);
  assert.match(paragraphs[1], /\u201cclarity on the path forward\u201d/);
  const datetime = await page.locator('.story__header time').first().getAttribute('datetime');
  assert.equal(datetime, '2016-08-26T19:45:00Z');

  const notice = page.locator('.comments__notice');
  assert.equal((await notice.innerText()).trim(), NOTICE);
  const links = await notice.locator('a').evaluateAll((as) =>
    as.map((a) => [a.textContent, a.getAttribute('href')]),
  );
  assert.deepEqual(links, [
    ['subscribe', '/subscribe'],
    ['login', '/login'],
    ['Here\u2019s why', '/comments-policy'],
  ]);
  assert.deepEqual(errors, [], 'no console errors (CSP violations show up here)');

  await page.screenshot({ path: screenshotPath('article.png'), fullPage: false });

  await notice.getByRole('link', { name: 'Here\u2019s why' }).click();
  await page.waitForURL('**/comments-policy');
  assert.equal(await page.locator('h1').innerText(), 'Why only subscribers may comment');
  await page.close();
});

test('the page reads like a newspaper on desktop and phone', async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const page = await env.browser.newPage({ viewport });
    await page.goto(env.site.url + ARTICLE);
    const m = await page.evaluate(() => {
      const p = document.querySelector('.story__body p');
      const style = getComputedStyle(p);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const avg = ctx.measureText(p.textContent).width / p.textContent.length;
      return {
        family: style.fontFamily,
        perLine: p.getBoundingClientRect().width / avg,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        fontPx: parseFloat(style.fontSize),
      };
    });
    assert.match(m.family, /Georgia|serif/i);
    assert.ok(m.overflow <= 0, `no sideways scrolling at ${viewport.width}px`);
    assert.ok(m.fontPx >= 16, `body text at least 16px, got ${m.fontPx}`);
    if (viewport.width > 1000) {
      assert.ok(m.perLine >= 60 && m.perLine <= 80, `about 65-75 characters a line, got ${m.perLine}`);
    }
    if (viewport.width < 500) {
      await page.screenshot({ path: screenshotPath('article-phone.png') });
    }
    await page.close();
  }
});

test('a phone never scrolls sideways: long URLs, code, tables and right-to-left stories', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-e2e-md-'));
  const wide = path.join(dir, 'wide.md');
  writeFileSync(wide, [
    '---', 'headline: A story with a very long address in it', 'slug: wide-story', '---',
    'The report is at https://example.org/' + 'a-very-long-path-segment-'.repeat(12) + 'end.html and nowhere else.',
    '',
    '```',
    'const result = computeSomethingWithAVeryLongFunctionName(argumentNumberOne, argumentNumberTwo, argumentNumberThree);',
    '```',
    '',
    '| Column one | Column two | Column three | Column four | Column five | Column six |',
    '|---|---|---|---|---|---|',
    '| a fairly long cell | another long cell | and another one | still going on | more text | the end |',
    '',
  ].join('\n'));
  const rtl = path.join(dir, 'rtl.md');
  writeFileSync(rtl, [
    '---', 'headline: مفاوضات جنيف تتقدم نحو هدنة جديدة', 'dek: قال الوزيران إن المحادثات الفنية شارفت على الانتهاء.',
    'slug: rtl-story', '---',
    'قال وزير الخارجية الأمريكي جون كيري ونظيره الروسي سيرغي لافروف إنهما أحرزا تقدماً كبيراً (بحسب بيان مشترك).',
    '',
    'שלום, זהו טקסט בעברית עם סימני פיסוק בסוף המשפט.',
    '',
  ].join('\n'));
  env.site.cli('article', 'publish', wide);
  env.site.cli('article', 'publish', rtl);
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const slug of ['wide-story', 'rtl-story']) {
    await page.goto(env.site.url + '/articles/' + slug);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${slug}: the page is ${overflow}px wider than the phone`);
  }
  // Right-to-left text is laid out right to left, each block by its own first letters.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.story__headline')).direction), 'rtl');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.story__body')).direction), 'rtl');
  // The masthead keeps the search box and Log in on the phone, on one line each.
  for (const control of [
    page.locator('.masthead__account').getByRole('searchbox', { name: 'Search stories' }),
    page.locator('.masthead__account').getByRole('button', { name: 'Search', exact: true }),
    page.locator('.masthead__account').getByRole('link', { name: 'Log in', exact: true }),
  ]) {
    assert.ok(await control.isVisible(), 'in the masthead on a phone');
    const box = await control.boundingBox();
    assert.ok(box.height < 40, `on one line (height ${box.height})`);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'inside the screen');
  }
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('everything works without JavaScript', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.site.url + '/');
  await page.getByRole('link', { name: /Kerry, Lavrov report progress/ }).click();
  await page.waitForURL('**' + ARTICLE);
  assert.equal((await page.locator('.comments__notice').innerText()).trim(), NOTICE);
  await context.close();
});

test('pages pass axe-core with no serious accessibility violations', async () => {
  // bypassCSP lets the test inject axe; the site itself never allows inline script.
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  env.site.cli('newsletter', 'add', 'The Morning Briefing', '--description', 'Every morning at seven.');
  for (const p of ['/newsletters', '/newsletters/the-morning-briefing', '/newsletters/unsubscribe?m=1&k=0', '/', ARTICLE, '/comments-policy', '/no-such-page', '/login', '/signup', '/reset', '/reset/code', '/subscribe', '/search?q=geneva', '/search?q=nothing-matches', ARTICLE + '/comments?sort=oldest', '/corrections', '/section/world', '/section/opinion', '/tag/syria', '/archive', '/archive/2016/08']) {
    await page.goto(env.site.url + p);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run());
    const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
      [],
      `axe on ${p}`,
    );
  }
  await context.close();
});

test('served HTML and CSS pass the W3C Nu checker with zero errors', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-vnu-'));
  const files = [];
  for (const [name, p] of [
    ['front', '/'],
    ['article', ARTICLE],
    ['policy', '/comments-policy'],
    ['not-found', '/no-such-page'],
    ['login', '/login'],
    ['signup', '/signup'],
    ['reset', '/reset'],
    ['reset-code', '/reset/code'],
    ['subscribe', '/subscribe'],
    ['search', '/search?q=geneva'],
    ['search-empty', '/search'],
    ['comments', ARTICLE + '/comments?sort=recommended'],
    ['corrections', '/corrections'],
    ['about', '/about'],
    ['front-older', '/?after=1472240700.1'],
    ['privacy', '/privacy'],
    ['section', '/section/world'],
    ['section-empty', '/section/opinion'],
    ['tag', '/tag/syria'],
    ['archive', '/archive'],
    ['archive-month', '/archive/2016/08'],
    ['search-filtered', '/search?q=%22technical+talks%22&section=world&sort=newest&from=2016-01-01'],
    ['newsletters', '/newsletters'],
    ['newsletter-archive', '/newsletters/the-morning-briefing'],
    ['newsletter-bad-link', '/newsletters/preferences?m=1&k=0'],
  ]) {
    const res = await fetch(env.site.url + p);
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, await res.text());
    files.push(file);
  }
  const css = await (await fetch(env.site.url + '/static/css/site.css')).text();
  writeFileSync(path.join(dir, 'site.css'), css);
  files.push(path.join(dir, 'site.css'));
  const jar = path.join(path.dirname(require.resolve('vnu-jar')), 'build', 'dist', 'vnu.jar');
  let report;
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--also-check-css', '--format', 'json', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    report = { messages: [] };
  } catch (e) {
    report = JSON.parse(e.stderr.toString() || '{"messages":[{"message":"vnu failed"}]}');
  }
  assert.deepEqual(
    report.messages.map((m) => `${path.basename(m.url || '')}:${m.lastLine}: ${m.message}`),
    [],
  );
});

test('signed-in and newsroom pages pass axe-core and the W3C Nu checker', async () => {
  const added = env.site.cli('user', 'add', `admin-${Date.now()}@example.org`, '--name', 'Admin', '--role', 'admin');
  const email = added.match(/\S+@example\.org/)[0];
  const oneTime = added.match(/one-time password: (\S+)/)[1];
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signInFirstTime(page, env.site.url, email, oneTime);
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-vnu-staff-'));
  const files = [];
  for (const [name, p] of [
    ['account', '/account'],
    ['admin-members', '/admin/members'],
    ['admin-comments', '/admin/comments'],
    ['admin-plans', '/admin/plans'],
    ['admin-requests', '/admin/requests'],
    ['admin-gifts', '/admin/gifts'],
    ['request', '/subscribe/request?plan=digital-monthly'],
    ['request-print', '/subscribe/request?kind=print'],
    ['redeem', '/subscribe/redeem'],
    ['newsroom', '/admin'],
    ['stories', '/admin/articles'],
    ['story-new', '/admin/articles/new'],
    ['story-edit', '/admin/articles/1'],
    ['story-preview', '/admin/articles/1/preview'],
    ['story-revisions', '/admin/articles/1/revisions'],
    ['pages', '/admin/pages'],
    ['page-editor', '/admin/pages/about'],
    ['settings', '/admin/settings'],
    ['admin-sections', '/admin/sections'],
    ['admin-tags', '/admin/tags'],
    ['admin-authors', '/admin/authors'],
    ['admin-front', '/admin/front'],
    ['admin-media', '/admin/media'],
    ['admin-newsletters', '/admin/newsletters'],
    ['admin-newsletter-send', '/admin/newsletters/send?article=kerry-lavrov-syria-truce'],
    ['admin-suppressions', '/admin/newsletters/suppressions'],
    ['newsletters-signed-in', '/newsletters'],
  ]) {
    await page.goto(env.site.url + p);
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, await page.content());
    files.push(file);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run());
    const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `axe on ${p}`);
  }
  // On a phone the newsroom's tables scroll inside themselves; the pages do not.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const p of ['/admin/members', '/admin', '/admin/articles', '/admin/articles/1', '/admin/articles/1/revisions', '/admin/newsletters', '/admin/newsletters/send?article=kerry-lavrov-syria-truce']) {
    await page.goto(env.site.url + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`).slice(0, 5).join(', '));
    assert.ok(overflow <= 0, `${p} is ${overflow}px wider than a phone: ${culprits}`);
  }
  const jar = path.join(path.dirname(require.resolve('vnu-jar')), 'build', 'dist', 'vnu.jar');
  let report;
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    report = { messages: [] };
  } catch (e) {
    report = JSON.parse(e.stderr.toString() || '{"messages":[{"message":"vnu failed"}]}');
  }
  assert.deepEqual(report.messages.map((m) => `${path.basename(m.url || '')}:${m.lastLine}: ${m.message}`), []);
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
