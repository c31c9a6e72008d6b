import { readFileSync, readdirSync } from 'node:fs';
import { parseLogseqConfig } from './shared/formats/logseq/config';
import { parseAnyNote } from './shared/formats/registry';
import { DEFAULT_PARSE_OPTIONS } from './shared/formats/types';
const root = '../shared/corpora/logseq-docs';
const cfg = parseLogseqConfig(readFileSync(`${root}/logseq/config.edn`, 'utf8'));
console.log(cfg.problems, cfg.options);
const opts = { ...DEFAULT_PARSE_OPTIONS, logseq: cfg.options };
let todos = 0, links = 0, ext = 0, t0 = performance.now();
const kw: Record<string, number> = {};
for (const dir of ['pages', 'journals']) for (const f of readdirSync(`${root}/${dir}`)) {
  if (!f.endsWith('.md')) continue;
  const n = parseAnyNote(readFileSync(`${root}/${dir}/${f}`, 'utf8'), `${dir}/${f}`, opts);
  todos += n.todos.length; links += n.links.length; ext += n.externalLinks.length;
  for (const t of n.todos) kw[t.keyword] = (kw[t.keyword] ?? 0) + 1;
  if (process.argv[2] && f.includes(process.argv[2])) console.log(JSON.stringify({ ...n, body: undefined, text: undefined }, null, 1));
}
console.log({ todos, links, ext, kw, ms: performance.now() - t0 });
