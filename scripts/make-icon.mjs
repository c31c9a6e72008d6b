// Renders resources/icon.svg to resources/icon.png (512×512, transparent) with the system Chromium.
// Run by hand after editing the SVG: `node scripts/make-icon.mjs`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.RHIZOME_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: path.join(root, 'resources', 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote resources/icon.png');
