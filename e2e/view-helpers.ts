// Small helpers shared by the note/reading/todos/search specs (counting from the source files, opening notes).
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, MOGOZ, REPO_ROOT } from './fixtures';

export const POSTS = path.join(MOGOZ, 'content/posts');
export const NIXOS_FILE = '20231011141721-nixos.md';
export const NIXOS_ID = `content/posts/${NIXOS_FILE}`;

export function postFiles(): string[] {
  return readdirSync(POSTS).filter((f) => f.endsWith('.md')).sort();
}

export function readPost(file: string): string {
  return readFileSync(path.join(POSTS, file), 'utf8');
}

/** Checkbox items whose line holds no URL, outside code fences: the checkbox tasks of a file. */
export function checkboxTasks(text: string): { mark: string; line: string }[] {
  let fence = false;
  const out: { mark: string; line: string }[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = /^\s*[-*+]\s+\[([ xX-])\]\s/.exec(line);
    if (!fence && m && !/https?:\/\//.test(line)) out.push({ mark: m[1], line });
  }
  return out;
}

/** The TOML front matter title of a mogoz note. */
export function titleOf(file: string): string {
  return /^title = "(.*)"$/m.exec(readPost(file))![1].replace(/\\"/g, '"');
}

/** Opens a note through the quick switcher (Ctrl+K, its exact title, Enter). */
export async function openNote(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Note title' });
  await expect(input).toBeFocused();
  await input.fill(title);
  await input.press('Enter');
  await expect(page.locator('h1.note-title')).toHaveText(title);
}

/** Where screenshots go: test-results/screenshots/ (untracked) on every run, README's docs/screenshots/ only
 *  when asked with RHIZOME_SCREENSHOTS=1 (a test run leaves the checkout as it was). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, process.env.RHIZOME_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}
