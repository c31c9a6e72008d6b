import { rmSync } from 'node:fs';
import { scanVault } from '../electron/engine/scan/walk';
import { readAndParse } from '../electron/engine/scan/read';
import { openDatabase } from '../electron/engine/store/schema';
import { IndexWriter } from '../electron/engine/store/write';
import { Resolver, resolveLinks } from '../electron/engine/store/resolve';
import { compileIgnore } from '../electron/engine/scan/ignore';
import { detectSite } from '../electron/engine/scan/site';
import { DEFAULT_PARSE_OPTIONS } from '../electron/engine/types';
const root = '/tmp/rhizome-bench/synth-10000-seed1';
const site = detectSite(root);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
let c0 = cpu();
const scan = scanVault(root, site.contentDir, compileIgnore([]));
console.log('scan', (cpu() - c0).toFixed(0)); c0 = cpu();
const outs = scan.files.map((f) => readAndParse({ ...f, knownHash: null }, DEFAULT_PARSE_OPTIONS, 5e6));
console.log('read+parse', (cpu() - c0).toFixed(0), outs.filter(o=>o.type==='note').length);
for (const skip of process.argv.slice(2).concat(['none'])) {
  const db = '/tmp/prof/w.db'; for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const d = openDatabase(db);
  d.pragma('wal_autocheckpoint = 0');
  const layout = { root, contentDir: site.contentDir, staticDir: site.staticDir };
  const w = new IndexWriter(d, layout);
  const s = (w as any).s;
  if (skip === 'noidx') { for (const r of d.prepare(`SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL`).all() as any[]) d.exec(`DROP INDEX ${r.name}`); }
  else if (skip !== 'none') for (const k of skip.split(',')) s[k] = { run: () => ({ lastInsertRowid: 1 }) };
  const acc: Record<string, number> = {};
  if (skip === 'time') for (const k of Object.keys(s)) { if (!s[k]?.run) continue; const st = s[k]; const run = st.run.bind(st); s[k] = { run: (...a: any[]) => { const t = performance.now(); const r = run(...a); acc[k] = (acc[k] ?? 0) + performance.now() - t; return r; }, get: st.get?.bind(st) }; }
  c0 = cpu(); let t0 = performance.now();
  for (let i = 0; i < outs.length; i += 500) d.transaction(() => { for (const o of outs.slice(i, i + 500)) w.write(o, false); }).immediate();
  const tw = cpu() - c0; c0 = cpu();
  d.transaction(() => resolveLinks(d, new Resolver(d, site.contentDir), null))();
  const tr = cpu() - c0; c0 = cpu();
  d.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`skip=${skip}: write ${tw.toFixed(0)} resolve ${tr.toFixed(0)} checkpoint ${(cpu() - c0).toFixed(0)} wall ${(performance.now()-t0).toFixed(0)}`);
  if (skip === 'time') console.log(Object.entries(acc).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('  '));
  d.close();
}
