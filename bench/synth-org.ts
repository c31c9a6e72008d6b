// A deterministic synthetic org-roam directory: every note a file node (top :PROPERTIES: with :ID:, #+title,
// #+filetags), some headings heading nodes (:ID:, some with :ROAM_ALIASES:), heading tags, TODO headings with
// SCHEDULED / DEADLINE / CLOSED lines, id: links to notes and heading nodes (a few to IDs that do not exist),
// reading lists under headings and plain labels with checkboxes, src blocks holding link-like text. Sizes
// vary log-normally, ≈ 1.8 KB a note on average (knowledge-base, a real org-roam wiki: ≈ 2 KB, ≈ 3.6 headings a note).
//
//   generateOrgVault(dir, { notes: 10000, seed: 1 })  →  dir/*.org
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './synth';


const WORDS = ('actor cluster stream shard message queue node state event log index graph tree cache store backend replica ' +
  'quorum gossip consensus leader partition offset commit snapshot schema query plan lock thread the a of to and in is it that ' +
  'for on with as by this be are from or').split(' ');
const TAGS = ['akka', 'scala', 'jvm', 'concurrency', 'databases', 'protocols', 'nix', 'emacs', 'work', 'system-design', 'data', 'security'];
const DOMAINS = ['github.com', 'doc.akka.io', 'news.ycombinator.com', 'www.youtube.com', 'arxiv.org', 'martinfowler.com', 'nixos.org'];
const LABELS = ['Talks', 'Papers', 'Tutorials', 'Tools', 'Blogs'];
const KEYWORDS = ['TODO', 'TODO', 'TODO', 'NEXT', 'DONE'];

const pad = (n: number, w: number) => n.toString(16).padStart(w, '0');
/** The file node's ID of note i, and of its heading h. */
const fileId = (i: number) => `${pad((i * 2654435761) >>> 0, 8)}-${pad(i & 0xffff, 4)}-4000-8000-${pad(i, 12)}`;
const headingId = (i: number, h: number) => `${pad((i * 40503 + h) >>> 0, 8)}-${pad(h, 4)}-4000-9000-${pad(i, 12)}`;

export function generateOrgVault(dir: string, opts: { notes: number; seed: number }): void {
  const rnd = prng(opts.seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const N = opts.notes;
  mkdirSync(dir, { recursive: true });
  // which headings are nodes (decided first, so links can point at them)
  const headingCount: number[] = [];
  const nodeHeadings: [number, number][] = [];
  for (let i = 0; i < N; i++) {
    // log-normal: median ≈ 4 headings
    const n = Math.max(1, Math.min(30, Math.round(Math.exp(1.4 + 0.6 * (rnd() + rnd() + rnd() - 1.5)))));
    headingCount.push(n);
    for (let h = 0; h < n; h++) if (rnd() < 0.2) nodeHeadings.push([i, h]);
  }
  const isNode = new Set(nodeHeadings.map(([i, h]) => `${i}:${h}`));
  const link = () => {
    const r = rnd();
    if (r < 0.25 && nodeHeadings.length) {
      const [i, h] = pick(nodeHeadings);
      return `[[id:${headingId(i, h)}][${words(2)}]]`;
    }
    if (r < 0.28) return `[[id:ffffffff-0000-4000-8000-${pad(Math.floor(rnd() * 1e6), 12)}][gone]]`;
    return `[[id:${fileId(Math.floor(rnd() * N))}][${words(2)}]]`;
  };
  for (let i = 0; i < N; i++) {
    const lines = [':PROPERTIES:', `:ID:       ${fileId(i)}`];
    if (rnd() < 0.15) lines.push(`:ROAM_ALIASES: "${words(2)} ${i}"`);
    lines.push(':END:', `#+title: ${words(3)} ${i}`, `#+filetags: :${pick(TAGS)}:${pick(TAGS)}:`, '', `${words(14)} ${link()} ${words(8)}.`, '');
    for (let h = 0; h < headingCount[i]; h++) {
      const level = h === 0 ? 1 : rnd() < 0.35 ? 2 : 1;
      const todo = rnd() < 0.08 ? `${pick(KEYWORDS)} ` : '';
      const tags = rnd() < 0.2 ? `   :${pick(TAGS)}:` : '';
      lines.push(`${'*'.repeat(level)} ${todo}${rnd() < 0.1 ? '[#A] ' : ''}${words(3)} ${h}${tags}`);
      if (todo === 'DONE ') lines.push(`CLOSED: [2024-0${1 + (i % 9)}-1${h % 10} Mon 10:00]`);
      else if (todo) lines.push(`SCHEDULED: <2024-0${1 + (i % 9)}-1${h % 10} Mon +1w>${rnd() < 0.3 ? ` DEADLINE: <2024-0${1 + (i % 9)}-2${h % 10} Fri>` : ''}`);
      if (isNode.has(`${i}:${h}`)) lines.push(':PROPERTIES:', `:ID:       ${headingId(i, h)}`, ...(rnd() < 0.3 ? [`:ROAM_ALIASES: "${words(2)}"`] : []), ':END:');
      lines.push(`${words(24)} ${rnd() < 0.6 ? link() : ''} ${words(12)}.`, '');
      if (rnd() < 0.35) {
        lines.push(`- ${pick(LABELS)}`);
        for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
          lines.push(`  - [${pick([' ', ' ', '-', 'X'])}] [[https://${pick(DOMAINS)}/${words(1)}/${i}/${h}/${k}][${words(3)}]] (${words(2)})`);
        }
        lines.push('');
      }
      if (rnd() < 0.12) lines.push('#+begin_src scala', `val x = ${i} // [[id:not-a-link]] https://not.a.link`, '#+end_src', '');
    }
    writeFileSync(join(dir, `${pad(i, 6)}-${WORDS[i % WORDS.length]}.org`), lines.join('\n'));
  }
}
