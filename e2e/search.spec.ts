// Quick switcher (fuzzy title fragment + Enter) and full-text search (a <mark> snippet; Enter opens the
// note at the match line). Problems view grouped by kind. Expectations from the source files.
import { expect, test } from './fixtures';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { POSTS, postFiles, readPost, screenshot, titleOf } from './view-helpers';

test('Ctrl+K finds a note by a fuzzy title fragment and Enter opens it', async ({ page, app }) => {
  const file = '20221101173858-linkers_loaders_and_libraries.md';
  const title = titleOf(file); // "Linkers, Loaders and Libraries"
  const fragment = 'lnkldrlib';
  // not a substring of the title, but a subsequence
  expect(title.toLowerCase().includes(fragment)).toBe(false);

  await page.goto(app.url);
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Note title' }).fill(fragment);
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(title);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1.note-title')).toHaveText(title);
  // Esc closes without navigating
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Quick switcher' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Quick switcher' })).toHaveCount(0);
});

test('full-text search shows <mark> snippets and opens the note at the match', async ({ page, app }) => {
  const word = 'nixpkgs';
  const containing = new Set(postFiles().filter((f) => readPost(f).toLowerCase().includes(word)).map((f) => `content/posts/${f}`));
  expect(containing.size).toBeGreaterThan(1);

  await page.goto(app.url);
  await page.getByTestId('nav-search').click();
  await page.getByRole('searchbox', { name: 'Search all notes' }).fill(word);
  const hits = page.locator('.sv-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator('.sv-snippet mark').first()).toHaveText(new RegExp(word, 'i'));
  // every hit is a note whose text holds the word
  for (const id of await page.locator('.sv-id').allTextContents()) expect(containing.has(id)).toBe(true);
  // snippets hold only <mark> elements
  expect(await page.locator('.sv-snippet *:not(mark)').count()).toBe(0);
  await screenshot(page, 'search.png');

  const firstTitle = (await hits.first().locator('.sv-title').textContent())!;
  await page.getByRole('searchbox', { name: 'Search all notes' }).press('Enter');
  await expect(page.locator('h1.note-title')).toHaveText(firstTitle.replace(/line \d+$/, '').trim());
  await expect(page.locator('.rz-flash')).toHaveCount(1);
});

test('a match clicked while the address is still catching up with the query opens the note, and it stays open', async ({ page, app }) => {
  // The view writes the typed query into the address 300 ms after typing stops; a click on a match before then
  // goes to the note, and the late rewrite must not put the search back over it (it did: 3 runs in 10 under load,
  // and the "C++" test below on its first try in full runs). Back then returns to the query typed.
  const word = 'nixpkgs';
  await page.clock.install();
  await page.goto(`${app.url}#/search`);
  await page.getByRole('searchbox', { name: 'Search all notes' }).fill(word);
  await page.clock.runFor(200); // the query is sent (180 ms), the address not yet rewritten (300 ms)
  const match = page.locator('.sv-hit .sv-match').first();
  await expect(match).toBeVisible();
  const title = (await page.locator('.sv-hit .sv-title').first().textContent())!;
  await match.click();
  await page.clock.runFor(1000); // while the note's code may still be loading
  await expect(page.locator('h1.note-title')).toHaveText(title);
  expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/^#\/note\//);
  // Back returns to the search with its query
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search all notes' })).toHaveValue(word);
});

test('problems are grouped by kind with counts; one jumps to the note', async ({ page, app }) => {
  // broken relref targets, counted from the source: targets with no such file in content/posts
  const files = new Set(postFiles());
  let broken = 0;
  for (const f of files)
    for (const m of readPost(f).matchAll(/\{\{< relref "([^"#]+)(?:#[^"]*)?" >\}\}/g)) if (!files.has(m[1])) broken++;

  // images (figure shortcodes and ![](src)) whose local file is missing: `/x` is under static/, `x` beside the note
  let missing = 0;
  for (const f of files)
    for (const m of readPost(f).matchAll(/\{\{< figure src="([^"]+)"|!\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const src = m[1] ?? m[2];
      if (/^https?:/.test(src)) continue;
      if (!existsSync(src.startsWith('/') ? path.join(POSTS, '../../static', src) : path.join(POSTS, src))) missing++;
    }

  await page.goto(app.url);
  await page.getByTestId('nav-problems').click();
  const groups = page.locator('.pv-group');
  await expect(groups.first()).toBeVisible();
  if (broken > 0) await expect(page.locator('.pv-group[data-kind="broken-link"] h2 .count')).toHaveText(String(broken));
  else await expect(page.locator('.pv-group[data-kind="broken-link"]')).toHaveCount(0);
  await expect(page.locator('.pv-group[data-kind="missing-figure"] h2 .count')).toHaveText(String(missing));
  await screenshot(page, 'problems.png');
  const first = page.locator('.pv-list li.link').first();
  const file = (await first.locator('.pv-file').textContent())!.replace(/:\d+$/, '');
  // each problem names its note by title (from the file's front matter), the path beneath
  const title = /^title = "(.*)"$/m.exec(readPost(path.basename(file)))![1].replace(/\\"/g, '"');
  await expect(first.locator('.pv-title')).toContainText(title);
  // the rail's badge (three or more digits) stays inside its item
  const badge = await page.getByTestId('problems-badge').boundingBox();
  const item = await page.getByTestId('nav-problems').boundingBox();
  expect(badge!.x + badge!.width).toBeLessThanOrEqual(item!.x + item!.width + 0.5);
  await first.click();
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.note-path')).toContainText(file);
});

test('symbols match literally: "C++" lists exactly the notes holding C++, each matching line with its line number and heading', async ({ page, app }) => {
  // counted from the files: notes whose title or text (outside front matter, link targets and URLs) holds C++
  const cpp = /(?<![\p{L}\p{N}])C\+\+/u;
  const expected = new Map<string, number>();
  for (const f of postFiles()) {
    const text = readPost(f);
    const body = text.slice(text.indexOf('\n+++', 3) + 4);
    const lines = body.split('\n').filter((l) => cpp.test(l.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ''))).length;
    if (lines > 0 || cpp.test(titleOf(f))) expected.set(`content/posts/${f}`, lines);
  }
  expect(expected.size).toBe(20);
  const lines = [...expected.values()].reduce((a, b) => a + b, 0);

  page.on('console', (m) => { if (m.text().startsWith('rz-hist')) console.log(m.text()); });
  page.on('pageerror', (e) => console.log('PAGEERR', e.message));
  await page.goto(`${app.url}#/search?q=${encodeURIComponent('C++')}`);
  await expect(page.getByTestId('search-count')).toHaveText(`${expected.size} notes, ${lines} lines`);
  const hits = page.locator('.sv-hit');
  await expect(hits).toHaveCount(expected.size);
  for (const id of await page.locator('.sv-id').allTextContents()) expect(expected.has(id)).toBe(true);
  // every highlighted piece is C++ itself
  for (const m of await page.locator('.sv-snippet mark').allTextContents()) expect(m).toBe('C++');

  // a note with several matching lines lists each, with the heading above it; the second opens at its line
  const [multi, count] = [...expected].find(([, n]) => n > 1)!;
  const hit = page.locator(`.sv-hit[data-note="${multi}"]`);
  await expect(hit.locator('.sv-match')).toHaveCount(Math.min(count, 3));
  const second = hit.locator('.sv-match').nth(1);
  const line = Number(await second.getAttribute('data-match-line'));
  const file = multi.slice('content/posts/'.length);
  expect(readPost(file).split('\n')[line - 1]).toContain('C++');
  // its heading is the last `#` heading above that line in the source
  const above = readPost(file).split('\n').slice(0, line).filter((l) => /^#{1,6} /.test(l)).pop();
  if (above) await expect(second.locator('.sv-heading')).toHaveText(above.replace(/^#+\s+/, '').replace(/\s*\{#[^}]*\}$/, '').replace(/<[^>]+>/g, '').trim());
  await screenshot(page, 'search-symbols.png');
  await second.click();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(file));
  await expect(page.locator(`.note-body [data-line="${line}"].rz-flash, .note-body .rz-flash[data-line]`).first()).toBeVisible();
});
