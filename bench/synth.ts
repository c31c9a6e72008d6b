// A deterministic synthetic ox-hugo Hugo site shaped like mogoz (measured there: note sizes log-normal,
// median ≈ 3.9 KB, mean ≈ 7 KB, p99 ≈ 44 KB; ≈ 5.7 relrefs, ≈ 13 external links, ≈ 2 figures and
// ≈ 13 headings per note; 94 % of notes open with a tags line; ≈ 0.2 TODO headings per note, 9 % of them
// list items after `<!--list-separator-->`; ≈ 18 % of notes hold code fences). 10,000 notes ≈ 60 MB.
//
//   generateVault(dir, { notes: 10000, seed: 1 })  →  dir/config.toml, dir/content/posts/*.md
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG (the generator must not depend on Math.random). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('system data storage network process memory kernel cache queue stream event index query graph ' +
  'node edge cluster server client protocol packet thread lock schedule replica consensus leader log ' +
  'buffer page file block device driver container image build deploy config secret token auth user ' +
  'session request response latency throughput batch job task worker pipeline metric alert trace span ' +
  'schema table column row key value hash tree heap stack vector matrix model layer tensor gradient ' +
  'compile link load symbol module package library runtime garbage collector pointer reference type ' +
  'function closure async await promise future channel actor message broker topic partition offset ' +
  'commit rollback snapshot backup restore migrate upgrade release version patch branch merge review ' +
  'the a of to and in is it that for on with as by this be are from or an at not but can we use when').split(' ');
const DOMAINS = ['github.com', 'lobste.rs', 'news.ycombinator.com', 'www.youtube.com', 'arxiv.org', 'docs.rs',
  'blog.example.org', 'jvns.ca', 'fasterthanli.me', 'www.reddit.com', 'en.wikipedia.org', 'martinfowler.com',
  'danluu.com', 'eli.thegreenplace.net', 'brooker.co.za', 'gitlab.com', 'discourse.nixos.org', 'xeiaso.net'];
const SECTION_NAMES = ['Introduction', 'Concepts', 'FAQ', 'Internals', 'Tools', 'Gotchas', 'Performance',
  'History', 'Comparison', 'Setup', 'Usage', 'Patterns', 'Others', 'What', 'Why', 'How'];
const REF_HEADINGS = ['Resources', 'Links', 'Learning resources', 'Ref links', 'Reading'];
const LABELS = ['Setup', 'Internals', 'Talks', 'Papers', 'Tutorials', 'Devops', 'Blogs', 'Tools', 'Misc'];
const LANGS = ['shell', 'go', 'python', 'rust', 'sql', 'nix', 'js'];

interface Plan {
  file: string;
  title: string;
  /** Explicit heading ids, all written, so relref anchors target existing headings. */
  ids: string[];
  size: number;
}

export function generateVault(dir: string, opts: { notes: number; seed?: number }): { notes: number; bytes: number } {
  const rnd = prng(opts.seed ?? 1);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rnd() < p;
  const words = (n: number) => {
    let out = pick(WORDS);
    for (let k = 1; k < n; k++) out += ' ' + pick(WORDS);
    return out;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  // Plan every note first (names, titles, heading ids), so links and anchors point at real targets.
  const tagCount = Math.max(1, Math.round(opts.notes * 0.05));
  const plans: Plan[] = [];
  const base = Date.UTC(2022, 10, 1);
  for (let k = 0; k < opts.notes; k++) {
    const title = k < tagCount ? `${cap(pick(WORDS))} ${cap(pick(WORDS))} ${k}` : `${cap(words(1 + int(3)))} ${k}`;
    const stamp = new Date(base + k * 3_600_000 + int(3_600_000)).toISOString().replace(/\D/g, '').slice(0, 14);
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    const size = Math.min(80_000, Math.max(120, Math.round(Math.exp(Math.log(3100) + 1.1 * gauss()))));
    const ids = Array.from({ length: 1 + int(Math.min(10, size / 700)) }, (_, h) => `${pick(SECTION_NAMES).toLowerCase()}-${h}`);
    plans.push({ file: `${stamp}-${slug}.md`, title, ids, size });
  }

  const relref = () => {
    const target = plans[int(plans.length)];
    const anchor = chance(0.05) ? `#${pick(target.ids)}` : '';
    return `[${target.title}]({{< relref "${target.file}${anchor}" >}})`;
  };
  const url = () => {
    const d = pick(DOMAINS);
    const path = d.endsWith('github.com') || d === 'gitlab.com' ? `${pick(WORDS)}/${pick(WORDS)}-${int(999)}`
      : d === 'arxiv.org' ? `abs/${2000 + int(24)}.${10000 + int(89999)}` : `${pick(WORDS)}/${words(3).replace(/ /g, '-')}-${int(9999)}`;
    return `https://${d}/${path}`;
  };
  const extLink = () => chance(0.2) ? `<${url()}>` : `[${cap(words(3 + int(6)))} | ${cap(pick(WORDS))}](${url()})`;
  const sentence = () => {
    const parts = [cap(words(6 + int(14)))];
    if (chance(0.12)) parts.push(relref());
    if (chance(0.2)) parts.push(`\`${pick(WORDS)}_${pick(WORDS)}\``);
    if (chance(0.1)) parts.push(extLink());
    if (chance(0.1)) parts.push(`**${words(2)}**`);
    if (chance(0.1)) parts.push('&amp;');
    parts.push(words(3 + int(8)) + '.');
    return parts.join(' ');
  };

  const contentDir = join(dir, 'content', 'posts');
  mkdirSync(contentDir, { recursive: true });
  writeFileSync(join(dir, 'config.toml'), "baseURL = 'https://example.org/'\nlanguageCode = 'en-us'\ntitle = 'synthetic'\n" +
    '[markup.goldmark.renderer]\n  unsafe = true\n');
  let bytes = 0;
  for (let k = 0; k < plans.length; k++) {
    const plan = plans[k];
    const out: string[] = ['+++', `title = "${plan.title}"`, 'author = ["Synthetic Author"]', 'draft = false', '+++', ''];
    if (chance(0.94)) {
      const tags = Array.from({ length: 1 + int(3) }, () => plans[int(tagCount)]);
      out.push('tags', ': ' + tags.map((t) => `[${t.title}]({{< relref "${t.file}" >}})`).join(chance(0.5) ? ', ' : ' , '), '');
    }
    let len = out.join('\n').length;
    let ids = 0;
    const push = (block: string[]) => { out.push(...block, ''); len += block.reduce((n, l) => n + l.length + 1, 1); };
    const heading = (level: number, name: string, todo = false) => {
      const id = ids < plan.ids.length ? plan.ids[ids++] : `${name.toLowerCase().replace(/\W+/g, '-')}-${ids++}`;
      const span = todo ? '<span class="org-todo todo TODO">TODO</span> ' : '';
      return ['', `${'#'.repeat(level)} ${span}${name} {#${id}}`];
    };
    if (chance(0.3)) push(['<div class="warning small-text">', '', `> ${sentence()}`, '</div>']);
    while (len < plan.size) {
      const r = rnd();
      if (r < 0.3) push(heading(2 + int(2), pick(SECTION_NAMES)));
      else if (r < 0.48) push([sentence() + ' ' + sentence()]);
      else if (r < 0.64) {
        const items: string[] = [];
        for (let n = 2 + int(5); n > 0; n--) {
          items.push(`-   ${sentence()}`);
          if (chance(0.4)) items.push(`    -   ${sentence()}`);
        }
        push(items);
      } else if (r < 0.72) {
        const items = [...heading(2 + int(2), pick(REF_HEADINGS)), ''];
        for (let n = 2 + int(5); n > 0; n--) items.push(`-   ${extLink()}${chance(0.2) ? ' (' + cap(pick(WORDS)) + ')' : ''}`);
        for (let g = int(3); g > 0; g--) {
          items.push(`-   ${pick(LABELS)}`);
          const mark = chance(0.3) ? pick(['[ ] ', '[-] ', '[X] ']) : '';
          for (let n = 1 + int(4); n > 0; n--) items.push(`    -   ${mark}${extLink()}`);
        }
        push(items);
      } else if (r < 0.8) push([`{{< figure src="/ox-hugo/${plan.file.slice(0, 14)}-${int(2e9)}.png" >}}`]);
      else if (r < 0.83 && k % 6 === 0) {
        const lines = Array.from({ length: 3 + int(12) }, () => `${pick(WORDS)} ${pick(WORDS)}(${pick(WORDS)}) # [x](y) ${int(100)}`);
        push(['```' + pick(LANGS), ...lines, '```']);
      } else if (r < 0.85) {
        push(['| Name | Notes |', '|------|-------|', ...Array.from({ length: 2 + int(4) }, () => `| ${pick(WORDS)} | ${sentence()} |`)]);
      } else if (r < 0.862) {
        if (chance(0.9)) push([...heading(2 + int(2), cap(words(3)), true), '', `-   ${extLink()}`, `-   ${sentence()}`]);
        else push(['<!--list-separator-->', '', `- <span class="org-todo todo TODO">TODO</span>  ${cap(words(2))}`, '', `    -   ${extLink()}`]);
      } else if (r < 0.87) push([`-   [ ] ${cap(words(4))}`, `-   [X] ${cap(words(3))}`]);
      else push([`> ${sentence()}`]);
    }
    // Headings that relref anchors may target are always written, even in a short note.
    while (ids < plan.ids.length) push([...heading(2, pick(SECTION_NAMES)), '', sentence()]);
    const text = out.join('\n') + '\n';
    writeFileSync(join(contentDir, plan.file), text);
    bytes += Buffer.byteLength(text);
  }
  return { notes: plans.length, bytes };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
