// The note view's Obsidian and Hugo syntaxes in Chromium (test/fixtures/vaults/grammar): callouts and GitHub
// alerts (a folded one opens on a click), highlights, footnotes (a reference lands on its note), embeds as
// framed sections with a link to their source, image sizes, Hugo shortcodes (cards, details, code, columns,
// labelled boxes — never raw), mermaid fences as a labelled source. Figures counted from the fixture files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, REPO_ROOT, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';

const VAULT = path.join(REPO_ROOT, 'test/fixtures/vaults/grammar');
const source = (file: string) => readFileSync(path.join(VAULT, file), 'utf8');
test.use({ vaultSource: VAULT });

test('callouts, alerts, highlights and footnotes', async ({ page, app }) => {
  const src = source('Callouts.md');
  await page.goto(app.url);
  await openNote(page, 'Callouts');
  const body = page.locator('.note-body');
  const heads = src.split('\n').filter((l) => /^(> ?)+\[![^\]\s]+\]/.test(l));
  await expect(body.locator('.rz-callout')).toHaveCount(heads.length);
  await expect(body.locator('.rz-callout[data-callout="note"] > .rz-callout-title').first()).toContainText('A plain note with a link in its title');
  // the folded one opens on a click on its title
  const folded = body.locator('details.rz-callout[data-callout="faq"]');
  await expect(folded.getByText('Hidden until opened.')).toBeHidden();
  await folded.locator('summary').click();
  await expect(folded.getByText('Hidden until opened.')).toBeVisible();
  await expect(body.locator('.rz-callout[data-callout="warning"] .rz-callout-title')).toHaveText('Warning');
  await expect(body.locator('mark')).toHaveText([...src.matchAll(/==([^=\s][^=]*[^=\s])==/g)].map((m) => m[1]));
  // footnotes: the first reference lands on its note
  const defs = [...src.matchAll(/^\[\^([^\]]+)\]:/gm)].length;
  await expect(body.locator('section.rz-footnotes li')).toHaveCount(defs);
  await body.locator('sup.rz-footnote-ref a').first().click();
  await expect(body.locator('section.rz-footnotes li').first()).toBeInViewport();
  await body.locator('.rz-callout').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'note-callouts.png');
});

test('embeds show the section they name, framed, with a link to their source', async ({ page, app }) => {
  await page.goto(app.url);
  await openNote(page, 'Embeds');
  const body = page.locator('.note-body');
  const alone = source('Embeds.md').split('\n').filter((l) => /^!\[\[[^\]]+\]\]$/.test(l.trim()));
  await expect(body.locator(':scope .rz-embed:not(.rz-embed .rz-embed)')).toHaveCount(alone.length);
  const section = body.locator('.rz-embed').nth(1);
  await expect(section.locator('.rz-embed-head a')).toHaveText('Embedded > Second Part');
  await expect(section.locator('.rz-embed-body')).toContainText('Child section text');
  await expect(section.locator('.rz-embed-body')).not.toContainText('Third part text');
  await expect(body.getByText('Not shown again: this embed is inside itself.')).toBeVisible();
  await expect(body.locator('img[width="100"]')).toHaveCount(1);
  await expect(body.locator('img[width="120"][height="40"]')).toHaveCount(1);
  await screenshot(page, 'note-embeds.png');
  // the head link opens the source at its heading
  await section.locator('.rz-embed-head a').click();
  await expect(page.locator('h1.note-title')).toHaveText('Embedded');
  await expect(page.locator('.note-body [id="second-part"]')).toBeInViewport();
});

test('Hugo shortcodes and mermaid fences are drawn, never raw', async ({ page, app }) => {
  const src = source('Shortcodes.md');
  await page.goto(app.url);
  await openNote(page, 'Shortcodes');
  const body = page.locator('.note-body');
  await expect(body).not.toContainText('{{<');
  await expect(body).not.toContainText('{{%');
  await expect(body.locator('a.rz-shortcode-card')).toHaveCount((src.match(/\{\{< (youtube|vimeo|x|tweet|gist) /g) ?? []).length);
  await expect(body.locator('iframe')).toHaveCount(0);
  await body.locator('details.rz-shortcode-details summary').click();
  await expect(body.locator('details.rz-shortcode-details')).toContainText('Hidden markdown content');
  await expect(body.locator('pre.rz-shortcode-code .hljs-keyword').first()).toHaveText('func');
  await expect(body.locator('.rz-shortcode-column')).toHaveCount(2);
  await expect(body.locator('.rz-shortcode-math .katex')).toHaveCount(1);
  await screenshot(page, 'note-shortcodes.png');
  await openNote(page, 'Diagrams');
  await expect(page.locator('.note-body figure.rz-diagram')).toHaveCount((source('Diagrams.md').match(/^```mermaid/gm) ?? []).length);
  await expect(page.locator('.note-body figure.rz-diagram figcaption')).toContainText('Mermaid diagram');
});
