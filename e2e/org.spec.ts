// An org-roam wiki in the browser (a temp copy of knowledge-base): an id: link opens the note holding that
// ID; a note written while the app runs (watch mode) links to a heading node, and the link lands on that
// heading. Expectations are read from the .org sources here.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { api, expect, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';
import { KNOWLEDGE_BASE } from '../test/corpus';

test.use({ vaultSource: KNOWLEDGE_BASE });

const ORG = path.join(KNOWLEDGE_BASE, 'org');
const read = (file: string) => readFileSync(path.join(ORG, file), 'utf8');
const titleOf = (text: string) => /^#\+title:\s*(.+)$/im.exec(text)![1].trim();
/** The file whose top drawer holds this :ID:. */
function fileWithId(id: string): string {
  return readdirSync(ORG).filter((f) => f.endsWith('.org')).find((f) => new RegExp(`^:ID:\\s+${id}\\s*$`, 'im').test(read(f)))!;
}

test('an id: link opens the note that holds the ID', async ({ page, app }) => {
  const source = read('akka.org');
  const [, id, text] = /\[\[id:([^\]]+)\]\[([^\]]+)\]\]/.exec(source)!;
  const target = titleOf(read(fileWithId(id)));

  await page.goto(app.url);
  await openNote(page, titleOf(source));
  const link = page.locator('.note-body a.rz-internal', { hasText: text }).first();
  await expect(link).toHaveAttribute('data-note', `org/${fileWithId(id)}`);
  await expect(link).not.toHaveClass(/rz-broken/);
  await link.click();
  await expect(page.locator('h1.note-title')).toHaveText(target);
});

test('the note view of an org note: TODO headings, tags, code, links; a screenshot', async ({ page, app }) => {
  const file = 'akka_cluster.org';
  const text = read(file);
  const todos = text.split('\n').filter((l) => /^\*+ +TODO(?:[ \t]|$)/.test(l)).length;
  const idLinks = (text.match(/\[\[id:/g) ?? []).length;
  const tags = /^#\+filetags:\s*(.+)$/im.exec(text)![1].split(/[\s:]+/).filter(Boolean);

  await page.goto(app.url);
  await openNote(page, titleOf(text));
  const body = page.locator('.note-body');
  await expect(body.locator('.rz-todo.rz-todo-open')).toHaveCount(todos);
  await expect(body.locator('a.rz-internal:not(.rz-broken)')).toHaveCount(idLinks);
  for (const t of tags) await expect(page.locator('.note-tag', { hasText: `#${t}` })).toBeVisible();
  await expect(body).not.toContainText('#+TITLE');
  await expect(body).not.toContainText(':PROPERTIES:');
  await expect(page.locator('.note-panel', { hasText: 'TODOs' }).locator('.rz-badge.open', { hasText: 'TODO' })).toHaveCount(todos);
  await page.locator('.note-body').evaluate((el) => el.closest('.note-scroll')!.scrollTo(0, 0));
  await screenshot(page, 'org-note.png');
});

test('watch mode: a new note links to a heading node, and the link lands on the heading', async ({ page, app }) => {
  const id = '0f0e0d0c-0000-4000-8000-00000000beef';
  writeFileSync(
    path.join(app.vault, 'org', 'zz_target.org'),
    `:PROPERTIES:\n:ID: 0f0e0d0c-0000-4000-8000-000000000001\n:END:\n#+title: Watch Target\n\n${'Filler paragraph.\n\n'.repeat(60)}* TODO [#A] The heading node :watch:\n:PROPERTIES:\n:ID: ${id}\n:END:\nDeep down.\n`,
  );
  writeFileSync(path.join(app.vault, 'org', 'zz_source.org'), `#+title: Watch Source\n\nSee [[id:${id.toUpperCase()}][the heading node]].\n`);
  await expect.poll(async () => (await api<{ id: string }[]>(app, 'listNotes')).some((n) => n.id === 'org/zz_source.org'), { timeout: 15_000 }).toBe(true);

  await page.goto(app.url);
  await openNote(page, 'Watch Source');
  const link = page.locator('.note-body a.rz-internal', { hasText: 'the heading node' });
  await expect(link).toHaveAttribute('data-anchor', 'the-heading-node');
  await link.click();
  await expect(page.locator('h1.note-title')).toHaveText('Watch Target');
  const heading = page.locator('.note-body [id="the-heading-node"]');
  await expect(heading).toBeInViewport();
  await expect(heading).toContainText('The heading node');
});
