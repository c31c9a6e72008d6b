import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { scanVault } from '../electron/engine/scan/walk';
import { decodeNote } from '../electron/engine/scan/read';
import { parseNote } from '../electron/engine/parse/index';
import { normalizeUrl } from '../electron/engine/store/url';
import { compileIgnore } from '../electron/engine/scan/ignore';
import { detectSite } from '../electron/engine/scan/site';
import { DEFAULT_PARSE_OPTIONS } from '../electron/engine/types';
import { serialize } from 'node:v8';
const root = process.argv[2] ?? '/tmp/rhizome-bench/synth-10000-seed1';
const site = detectSite(root);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const scan = scanVault(root, site.contentDir, compileIgnore([]));
for (let rep = 0; rep < 2; rep++) {
let c0 = cpu(); const t: Record<string, number> = {}; const lap = (k: string) => { const c = cpu(); t[k] = (t[k] ?? 0) + c - c0; c0 = c; };
let bytes = 0; const parsed: any[] = [];
for (const f of scan.files) {
  const buf = readFileSync(f.abs); bytes += buf.length; lap('read');
  createHash('sha1').update(buf).digest('hex'); lap('hash');
  buf.includes(0); const { text } = decodeNote(buf); lap('decode');
  const p = parseNote(text, f.rel, DEFAULT_PARSE_OPTIONS); lap('parse');
  for (const e of p.externalLinks) normalizeUrl(e.url); lap('normalizeUrl');
  JSON.stringify(p.headings); JSON.stringify(p.externalLinks); lap('json');
  parsed.push(p);
}
const { body, ...x } = parsed[0];
let sz = 0; for (const p of parsed) { const { body, frontMatter, headings, externalLinks, ...rest } = p; sz += serialize(rest).length; } lap('serialize(rest)');
console.log((bytes / 1e6).toFixed(1), 'MB', Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('  '), 'ser MB', (sz/1e6).toFixed(1));
}
