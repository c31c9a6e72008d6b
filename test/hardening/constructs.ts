// Hostile notes for the linear-time test (linear.test.ts): each construct builds a note of about `n`
// characters from one repeated or unclosed piece of syntax. The first group is what issue 16 measured
// (seconds to hours on one note); the rest are the same families found elsewhere in the grammar: an opener
// that never closes and is looked ahead from again and again, a regex whose `x*…$` is retried at every
// offset of a long run, a counter probed one by one, output repeated for each nesting level.
//
// `target` says what the note is fed to (linear-worker.ts): `parse` (parseNote, the default) or `record`
// (parseNote, then the external links compacted with their normalized URL keys, as the index stores them).
// `render`: the note view's renderer (shared/formats/markdown/render.ts), which calls the same finders.
// `logseq`: a Logseq page (shared/formats/logseq/).

export interface Construct {
  name: string;
  build: (n: number) => string;
  target?: 'parse' | 'record' | 'render' | 'logseq';
  /** Listed in issue 16 (the test must fail on the code before the fix). */
  issue?: boolean;
  /** Still super-linear, and why (the test lists it as skipped). */
  known?: string;
  /** Sizes are scaled by this (the ratio per tenfold size is what counts): for syntax that is slow but linear. */
  scale?: number;
}

/** `unit` repeated to about `n` characters. */
const rep = (unit: string, n: number) => unit.repeat(Math.max(1, Math.ceil(n / unit.length)));

/** Lines made by `line(i)` until about `n` characters. */
function lines(n: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0, size = 0; size < n; i++) {
    const l = line(i);
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n') + '\n';
}

export const CONSTRUCTS: Construct[] = [
  // ── measured in issue 16
  { name: 'a URL followed by many `)`', issue: true, build: (n) => 'see https://x.org/a' + ')'.repeat(n) },
  { name: 'identical `## x` headings', issue: true, build: (n) => rep('## x\n', n) },
  { name: '`## h {#aaa…` never closed', issue: true, build: (n) => '## h {#' + 'a'.repeat(n) },
  { name: 'setext headings with the same text', issue: true, build: (n) => rep('a\n===\n', n) },
  { name: 'a setext heading with a long run of spaces', issue: true, build: (n) => 'a' + ' '.repeat(n) + 'b\n===\n' },
  { name: 'unclosed `<!--` on one line', issue: true, build: (n) => 'x ' + rep('<!--', n) },
  { name: 'unclosed `{{<` on one line', issue: true, build: (n) => 'x ' + rep('{{< ', n) },
  { name: 'unclosed relref shortcodes', issue: true, build: (n) => 'x ' + rep('{{< relref "a', n) },
  { name: 'unclosed figure shortcodes', issue: true, build: (n) => 'x ' + rep('{{< figure a ', n) },
  { name: 'a figure shortcode with a long run of spaces', issue: true, build: (n) => 'x {{< figure ' + ' '.repeat(n) + 'x' },
  { name: '`<!--list-separator-->` items', issue: true, build: (n) => rep('<!--list-separator-->\n\n- x\n\n', n) },
  { name: 'unclosed `<a href>` anchors', issue: true, build: (n) => 'x ' + rep('<a href="https://x.org">a', n) },
  { name: 'reference links', issue: true, build: (n) => '[a]: https://x.org\n\n' + rep('[a] ', n) },
  { name: 'many YAML keys', issue: true, scale: 0.3, build: (n) => '---\n' + lines(n, (i) => `k${i}: v`) + 'tags: [a]\n---\nx\n' },

  // ── the same families elsewhere
  { name: 'org TODO list items with the same title', build: (n) => rep('- <span class="org-todo todo TODO">TODO</span> x\n\n', n) },
  { name: 'a TODO heading over identical subheadings', build: (n) => '# TODO a\n' + rep('## b\nx\n', n) },
  { name: 'TODO list items nested deep (bodies bounded)', build: (n) => lines(n, (d) => ' '.repeat(d * 2) + '- <span class="org-todo todo TODO">TODO</span> x') },
  { name: 'TODO list items nested deep over blank lines', build: (n) => lines(n / 2, (d) => ' '.repeat(d * 2) + '- <span class="org-todo todo TODO">TODO</span> x') + '\n'.repeat(n / 2) },
  { name: 'definition lines (`: a`) one after another', build: (n) => 'tags\n' + rep(': [a]({{< relref "a.md" >}})\n', n) },
  { name: 'closing hashes after a run of spaces and tabs', build: (n) => '## h ' + rep('\t ', n) + '#x' },
  { name: 'unclosed `[` before one `](`', build: (n) => 'x ' + rep('[', n) + '](' },
  { name: 'md links with an unclosed title', build: (n) => 'x ' + rep('[a](b "', n) },
  { name: 'md links whose destination opens a parenthesis', build: (n) => 'x ' + rep('[a](b(', n) + ')' },
  { name: 'md links nested in brackets, never closed', build: (n) => 'x ' + rep('[[a](b c ', n) },
  { name: 'md links without a backslash (one look-ahead each)', build: (n) => 'x ' + rep('[a](b) ', n) },
  { name: 'bare URL ending in a long run of punctuation', build: (n) => 'x https://a' + rep('.,', n) + 'b' },
  { name: 'inline math that never closes', build: (n) => 'https://x ' + rep('$1 ', n) },
  { name: 'code spans of many lengths, none closed', build: (n) => { let s = 'https://x '; for (let k = 2; s.length < n / 2; k++) s += '`'.repeat(k) + ' '; return s + rep('\\` ', n / 2); } },
  { name: 'org slug of a parenthesis never closed', build: (n) => '<!--list-separator-->\n\n- ' + rep('(a ', n) },
  { name: 'org tag span after a long run of spaces', build: (n) => '## x <span' + ' '.repeat(n) + 'x' },
  { name: 'hashtag with a long run of `/-`', build: (n) => 'x #a' + rep('/-', n) + 'b' },
  { name: 'heading: unclosed links in the text', build: (n) => '# ' + rep('![[a]', n) + '](' },
  { name: 'heading: unclosed autolinks', build: (n) => '# ' + rep('<http:', n) },
  { name: 'heading: `{#` repeated', build: (n) => '# ' + rep('{#a ', n) },
  { name: 'search text: unclosed figure captions', build: (n) => rep('{{< figure caption="', n) },
  { name: 'search text: unclosed `{#`', build: (n) => rep('{#', n) },
  { name: 'a host of many labels', build: (n) => 'x https://' + rep('a.', n) + 'com/x' },
  // the note view: the same finders asked at every position by markdown-it's inline rules
  { name: 'view: a figure shortcode of many attributes, never closed', target: 'render', issue: true, build: (n) => rep('{{< figure ' + 'a=a '.repeat(25) + ' x ', n) },
  { name: 'view: unclosed figure shortcodes', target: 'render', build: (n) => 'x ' + rep('{{< figure src="a" ', n) },
  { name: 'view: unclosed relrefs', target: 'render', build: (n) => 'x ' + rep('[a]({{< relref "b" ', n) },
  { name: 'view: unclosed wikilinks', target: 'render', build: (n) => 'x ' + rep('[[a ', n) },
  { name: 'view: unclosed <a href> anchors', target: 'render', build: (n) => 'x ' + rep('<a href="b.md">c ', n) },
  { name: 'view: inline math that never closes', target: 'render', build: (n) => 'x ' + rep('$1 \\( ', n) },
  { name: 'view: md links with a relref destination never closed', target: 'render', build: (n) => 'x ' + rep('[a]({{', n) },
  { name: 'view: %% comments and ^ids on every line', target: 'render', build: (n) => lines(n, (i) => `t %% c${i} %% x ^id-${i}`) },
  // a Logseq page: outline blocks, properties, refs and macros
  { name: 'logseq: block refs never closed', target: 'logseq', build: (n) => '- x ' + rep('((a ', n) },
  { name: 'logseq: page refs never closed', target: 'logseq', build: (n) => '- x ' + rep('[[a ', n) },
  { name: 'logseq: #[[ tags never closed', target: 'logseq', build: (n) => '- x ' + rep('#[[a ', n) },
  { name: 'logseq: macros never closed', target: 'logseq', build: (n) => '- x ' + rep('{{embed [[a ', n) },
  { name: 'logseq: many properties on one block', target: 'logseq', build: (n) => '- x\n' + lines(n, (i) => `  k${i}:: [[v${i}]], w${i}`) },
  { name: 'logseq: blocks nested deeper and deeper', target: 'logseq', known: 'a task\'s body is all its descendants, so a chain of nested tasks stores O(n²) text; markdown bounds bodies at 8× the note, Logseq not yet (the 10 s per-file budget still holds)', build: (n) => lines(n, (i) => '  '.repeat(Math.min(i, 2000)) + `- TODO t${i} [[p${i}]]`) },
  { name: 'logseq: labelled refs never closed', target: 'logseq', build: (n) => '- x ' + rep('[a](', n) },
  { name: 'a URL path of many slashes (stored key)', target: 'record', build: (n) => 'x https://a.b/' + '/'.repeat(n) + 'a' },
  { name: 'lists of links under one long heading (stored categories)', target: 'record', build: (n) => '## ' + 'h'.repeat(n / 2) + '\n- a\n' + lines(n / 2, (i) => `  - l${i}\n    - https://x.org/${i}`) },
];
