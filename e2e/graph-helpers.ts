// The graph view as the e2e specs read it: its summary (window.__rhizomeGraph, set by GraphView in tests),
// waiting for a settled drawing, and opening a graph address afresh.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { GraphSummary } from '../renderer/views/graph/GraphView';

export async function summary(page: Page): Promise<GraphSummary> {
  return page.evaluate(() => window.__rhizomeGraph!.summary());
}

/** Waits until the graph has drawn a finished state (no query or layout pending). */
export async function settled(page: Page): Promise<GraphSummary> {
  await page.waitForFunction(() => {
    const s = window.__rhizomeGraph?.summary();
    return !!s && s.ready && !s.layoutRunning;
  }, undefined, { timeout: 30_000 });
  return summary(page);
}

/** Opens a graph address as a fresh page load (a real reload even when only the hash would match). */
export async function openGraph(page: Page, url: string): Promise<GraphSummary> {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('graph-view')).toBeVisible();
  return settled(page);
}

// ---- counting from mogoz's files ----

export const RELREF = /\{\{[<%]\s*rel?ref\s+"([^"]+)"\s*[>%]\}\}/g;

/** Relref target file names of a note, outside fenced code blocks. */
export function relrefTargets(text: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    for (const r of line.matchAll(RELREF)) {
      let t = r[1].split('#')[0].split('/').pop()!;
      if (t && !t.endsWith('.md')) t += '.md';
      if (t) out.push(t);
    }
  }
  return out;
}
