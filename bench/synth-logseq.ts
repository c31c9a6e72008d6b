// A deterministic synthetic Logseq graph: pages/ and journals/ (15 %), triple-lowbar names with namespaces
// (10 % of pages), page properties (type::, tags::, alias::), outline blocks indented with tabs, `- ## `
// headings, task markers (≈ 6 % of blocks, some with SCHEDULED/DEADLINE and a :LOGBOOK:), page refs (60 % to
// pages with a file, the rest implicit pages), #tags and #[[multi word]] tags, block refs to blocks carrying
// `id::`, embeds, {{video}} macros, read-later blocks with url::/author:: properties, external links and a
// few code fences. Page sizes log-normal (median ≈ 2.4 KB, long tail to 60 KB). 10,000 pages ≈ 35 MB.
//
//   generateLogseqGraph(dir, { pages: 10000, seed: 1 })  →  dir/logseq/config.edn, dir/pages/*.md, dir/journals/*.md
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './synth';


const WORDS = ('system data storage network process memory kernel cache queue stream event index query graph ' +
  'node edge cluster server client protocol packet thread lock schedule replica consensus leader log ' +
  'buffer page file block device driver container image build deploy config secret token auth user ' +
  'session request response latency throughput batch job task worker pipeline metric alert trace span ' +
  'the a of to and in is it that for on with as by this be are from or an at not but can we use when').split(' ');
const DOMAINS = ['github.com', 'lobste.rs', 'news.ycombinator.com', 'www.youtube.com', 'arxiv.org', 'blog.example.org', 'en.wikipedia.org'];
const MARKERS = ['TODO', 'TODO', 'LATER', 'NOW', 'DOING', 'DONE', 'DONE', 'WAITING', 'CANCELED'];
const TYPES = ['Feature', 'Person', 'Book', 'Project', 'Meeting', 'Concept'];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function generateLogseqGraph(dir: string, opts: { pages: number; seed?: number }): { pages: number; bytes: number } {
  const rnd = prng(opts.seed ?? 1);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rnd() < p;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  // names first, so refs point at real pages; a journal per day back from 2024-06-30
  const journals = Math.round(opts.pages * 0.15);
  const names: string[] = [];
  const files: string[] = [];
  for (let k = 0; k < opts.pages - journals; k++) {
    const base = `${cap(words(1 + int(3)))} ${k}`;
    const name = chance(0.1) ? `${cap(pick(WORDS))}/${base}` : base;
    names.push(name);
    files.push(`pages/${name.replace(/\//g, '___')}.md`);
  }
  const day = Date.UTC(2024, 5, 30);
  for (let k = 0; k < journals; k++) {
    const d = new Date(day - k * 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    files.push(`journals/${iso.replace(/-/g, '_')}.md`);
    names.push(iso);
  }
  // block ids that refs may point at (written on the blocks that carry them)
  const ids: string[] = [];
  const newId = () => {
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
    const id = `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    ids.push(id);
    return id;
  };
  for (let k = 0; k < opts.pages / 4; k++) newId();
  let nextId = 0;

  const url = () => `https://${pick(DOMAINS)}/${pick(WORDS)}/${words(3).replace(/ /g, '-')}-${int(9999)}`;
  const ref = () => (chance(0.6) ? `[[${names[int(names.length)]}]]` : `[[${cap(words(1 + int(2)))}]]`);
  const tag = () => (chance(0.7) ? `#${pick(WORDS)}` : `#[[${words(2)}]]`);
  const text = () => {
    const parts = [cap(words(5 + int(12)))];
    if (chance(0.35)) parts.push(ref());
    if (chance(0.15)) parts.push(tag());
    if (chance(0.08)) parts.push(`[${words(3)}](${url()})`);
    if (chance(0.05)) parts.push(`((${ids[int(ids.length)]}))`);
    if (chance(0.08)) parts.push(`\`${pick(WORDS)}\``);
    if (chance(0.06)) parts.push(`**${words(2)}**`);
    parts.push(words(2 + int(6)));
    return parts.join(' ');
  };

  mkdirSync(join(dir, 'logseq'), { recursive: true });
  mkdirSync(join(dir, 'pages'), { recursive: true });
  mkdirSync(join(dir, 'journals'), { recursive: true });
  writeFileSync(join(dir, 'logseq', 'config.edn'), '{:meta/version 1\n :preferred-format "Markdown"\n :file/name-format :triple-lowbar\n :journal/page-title-format "yyyy-MM-dd"\n :hidden []}\n');
  let bytes = 0;
  for (let k = 0; k < files.length; k++) {
    const size = Math.min(60_000, Math.max(80, Math.round(Math.exp(Math.log(2400) + 1.0 * gauss()))));
    const out: string[] = [];
    if (!files[k].startsWith('journals/') && chance(0.5)) {
      out.push(`type:: [[${pick(TYPES)}]]`);
      if (chance(0.4)) out.push(`tags:: ${pick(WORDS)}, [[${words(2)}]]`);
      if (chance(0.1)) out.push(`alias:: ${cap(words(2))} ${k}`);
      out.push('');
    }
    let len = out.join('\n').length;
    const push = (lines: string[]) => {
      out.push(...lines);
      len += lines.reduce((n, l) => n + l.length + 1, 0);
    };
    while (len < size) {
      const r = rnd();
      const depth = int(3);
      const tabs = '\t'.repeat(depth);
      if (r < 0.08) push([`- ## ${cap(words(2 + int(3)))}`]);
      else if (r < 0.14) {
        const lines = [`${tabs}- ${pick(MARKERS)} ${chance(0.15) ? `[#${pick(['A', 'B', 'C'])}] ` : ''}${text()}`];
        if (chance(0.2)) lines.push(`${tabs}  SCHEDULED: <2024-0${1 + int(9)}-1${int(10)} Mon>`);
        if (chance(0.1)) lines.push(`${tabs}  :LOGBOOK:`, `${tabs}  CLOCK: [2024-05-12 Sun 10:00]--[2024-05-12 Sun 10:30] =>  00:30:00`, `${tabs}  :END:`);
        push(lines);
      } else if (r < 0.19) {
        push([`${tabs}- ${cap(words(3 + int(5)))}`, `${tabs}  url:: ${url()}`, `${tabs}  author:: [[${cap(words(2))}]]`, `${tabs}\t- ${text()}`]);
      } else if (r < 0.21) push([`${tabs}- {{${chance(0.5) ? 'video' : 'embed'} ${chance(0.5) ? `https://www.youtube.com/watch?v=${int(1e9)}` : `[[${names[int(names.length)]}]]`}}}`]);
      else if (r < 0.23) push([`${tabs}- \`\`\`${pick(['js', 'clojure', 'sh'])}`, ...Array.from({ length: 2 + int(6) }, () => `${tabs}  ${words(4)} [[not a ref]]`), `${tabs}  \`\`\``]);
      else {
        const lines = [`${tabs}- ${text()}`];
        if (nextId < ids.length && chance(0.2)) lines.push(`${tabs}  id:: ${ids[nextId++]}`);
        if (chance(0.15)) lines.push(`${tabs}  ${text()}`);
        push(lines);
      }
    }
    const body = out.join('\n') + '\n';
    writeFileSync(join(dir, files[k]), body);
    bytes += Buffer.byteLength(body);
  }
  // the ids no block got are refs to nowhere: write the rest on one page so every block ref resolves
  writeFileSync(join(dir, 'pages', 'Block ids.md'), ids.slice(nextId).map((id) => `- block\n  id:: ${id}`).join('\n') + '\n');
  return { pages: files.length + 1, bytes };
}
