import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { MOGOZ } from '../test/corpus';
const { startServer } = await import(pathToFileURL(path.resolve('dist-electron/serve.mjs')).href);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'st-'));
const vault = path.join(tmp, 'mogoz'); cpSync(MOGOZ, vault, { recursive: true });
const dataDir = path.join(tmp, 'data');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
let server = await startServer({ vault, port: 0, dataDir, announce: false });
await new Promise((r) => setTimeout(r, 4000));
let page = await context.newPage();
await page.goto(server.loginUrl());
await page.waitForFunction(() => { const s = (window as any).__rhizomeGraph?.summary(); return s && s.ready && !s.layoutRunning; }, undefined, { timeout: 120000 });
await page.waitForTimeout(3000); await page.close(); const port = server.port ?? new URL(server.origin).port; await server.close();
for (let i = 0; i < 3; i++) {
  const t0 = Date.now();
  server = await startServer({ port: Number(port), dataDir, reopenLast: true, announce: false });
  const tS = Date.now();
  page = await context.newPage();
  await page.goto(server.loginUrl());
  await page.waitForFunction(() => { const s = (window as any).__rhizomeGraph?.summary(); return s && s.ready && !s.layoutRunning && s.drawnAt > 0; }, undefined, { timeout: 120000, polling: 50 });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource').map((e: any) => [e.name.replace(location.origin, '').slice(0, 60), Math.round(e.startTime), Math.round(e.responseEnd)]);
    const s = (window as any).__rhizomeGraph.summary();
    return { origin: performance.timeOrigin, dcl: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd), res, first: Math.round(s.firstDrawnAt), marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]) };
  });
  console.log(`run ${i}: server ${tS - t0} ms, page origin +${Math.round(r.origin - t0)} ms, DCL ${r.dcl}, load ${r.load}, first frame ${r.first} (page clock)`);
  for (const x of r.res) console.log('   ', JSON.stringify(x));
  console.log('   marks', JSON.stringify(r.marks));
  await page.close(); await server.close();
}
await browser.close();
