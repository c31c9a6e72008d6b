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
