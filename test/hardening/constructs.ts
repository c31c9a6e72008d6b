// Hostile notes for the linear-time test (linear.test.ts): each construct builds a note of about `n`
// characters from one repeated or unclosed piece of syntax. The first group is what issue 16 measured
// (seconds to hours on one note); the rest are the same families found elsewhere in the grammar: an opener
// that never closes and is looked ahead from again and again, a regex whose `x*…$` is retried at every
// offset of a long run, a counter probed one by one, output repeated for each nesting level.
//
// `target` says what the note is fed to (linear-worker.ts): `parse` (parseNote, the default) or `record`
// (parseNote, then the external links compacted with their normalized URL keys, as the index stores them).
// `render`: the note view's renderer (shared/formats/markdown/render.ts), which calls the same finders.
// `logseq`: a Logseq page (shared/formats/logseq/). `org`: an org note (parseOrg, shared/formats/org/);
// `org-view`: the org note view (renderOrg, with the headings, links and figures the index read).

export interface Construct {
  name: string;
  build: (n: number) => string;
  target?: 'parse' | 'record' | 'render' | 'logseq' | 'org' | 'org-view';
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
  { name: 'HTML tags never closed, quoted values opened', build: (n) => 'x ' + rep('<img src="https://x.org/a <b a=\'', n) },
  { name: 'HTML tags of many attributes, never closed', build: (n) => 'x <div ' + rep('a="b" ', n) },
  { name: 'HTML tags one after another', build: (n) => 'x ' + rep('<span class="c">https://x.org/</span>', n) },
  { name: 'highlight shortcodes never closed, a line each', build: (n) => lines(n, (i) => `{{< highlight go >}}\nx${i} https://x.org/`) },
  { name: 'highlight shortcode pairs', build: (n) => rep('{{< highlight go >}}\nx https://x.org/\n{{< /highlight >}}\n', n) },
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
  // the view-only syntaxes (VIEW_SYNTAXES): callouts, highlights, footnotes, embeds, Hugo shortcodes
  { name: 'view: shortcodes never closed on one line', target: 'render', build: (n) => 'x ' + rep('{{< a "b" ', n) },
  { name: 'view: escaped shortcodes never closed', target: 'render', build: (n) => 'x ' + rep('{{</* a ', n) },
  { name: 'view: paired shortcodes never closed, a line each', target: 'render', build: (n) => lines(n, (i) => `{{< details summary="s${i}" >}}`) },
  { name: 'view: paired shortcodes nested deeper and deeper', target: 'render', build: (n) => lines(n / 2, () => '{{< details >}}') + lines(n / 2, () => '{{< /details >}}') },
  { name: 'view: footnote refs never closed', target: 'render', build: (n) => '[^a]: note\n\nx ' + rep('[^a', n) },
  { name: 'view: inline footnotes never closed', target: 'render', build: (n) => 'x ' + rep('^[a ', n) },
  { name: 'view: inline footnotes one after another', target: 'render', build: (n) => 'x ' + rep('^[a [b] c] ', n) },
  { name: 'view: footnote refs and definitions', target: 'render', build: (n) => lines(n, (i) => `t[^${i}] x\n\n[^${i}]: d ${i}`) },
  { name: 'view: == runs and highlights', target: 'render', build: (n) => 'x ' + rep('==a == b===', n) },
  { name: 'view: callouts in callouts', target: 'render', build: (n) => lines(n, (i) => '> '.repeat(Math.min(i, 50)) + `[!note] t${i}`) },
  { name: 'view: embeds on every line', target: 'render', build: (n) => lines(n, (i) => `![[a${i}]]\n`) },
  // a Logseq page: outline blocks, properties, refs and macros
  { name: 'logseq: block refs never closed', target: 'logseq', build: (n) => '- x ' + rep('((a ', n) },
  { name: 'logseq: page refs never closed', target: 'logseq', build: (n) => '- x ' + rep('[[a ', n) },
  { name: 'logseq: #[[ tags never closed', target: 'logseq', build: (n) => '- x ' + rep('#[[a ', n) },
  { name: 'logseq: macros never closed', target: 'logseq', build: (n) => '- x ' + rep('{{embed [[a ', n) },
  { name: 'logseq: many properties on one block', target: 'logseq', build: (n) => '- x\n' + lines(n, (i) => `  k${i}:: [[v${i}]], w${i}`) },
  { name: 'logseq: blocks nested deeper and deeper', target: 'logseq', build: (n) => lines(n, (i) => '  '.repeat(Math.min(i, 2000)) + `- TODO t${i} [[p${i}]]`) },
  { name: 'logseq: labelled refs never closed', target: 'logseq', build: (n) => '- x ' + rep('[a](', n) },
  // an org note: every element and object of the org grammar, closed and unclosed, nested and repeated; each
  // read by the index (org) and drawn by the note view (org-view)
  ...orgConstructs(),
  { name: 'a URL path of many slashes (stored key)', target: 'record', build: (n) => 'x https://a.b/' + '/'.repeat(n) + 'a' },
  { name: 'lists of links under one long heading (stored categories)', target: 'record', build: (n) => '## ' + 'h'.repeat(n / 2) + '\n- a\n' + lines(n / 2, (i) => `  - l${i}\n    - https://x.org/${i}`) },
];

/** The org constructs, each for the index (`org: …`) and the note view (`org view: …`). */
function orgConstructs(): Construct[] {
  const org: [string, (n: number) => string][] = [
    ['equal headings (62,500 at 1 MB)', (n) => rep('* Equal heading\n', n)],
    ['headings ever deeper, TODOs with links', (n) => lines(n, (i) => `${'*'.repeat((i % 300) + 1)} TODO h [[https://x.org][l]]`)],
    ['TODO headings with planning and properties', (n) => rep('* TODO [#A] h :t:\nSCHEDULED: <2024-01-01 Mon +1w>\n:PROPERTIES:\n:ID: x\n:END:\nbody\n', n)],
    ['drawers never closed', (n) => rep(':LOGBOOK:\n- State "DONE" from "TODO"\n', n)],
    ['drawers', (n) => rep(':LOGBOOK:\n- x\n:END:\n', n)],
    ['stray :END: lines', (n) => rep('text\n:END:\n', n)],
    ['blocks never closed', (n) => rep('#+begin_src python\nx = [[id:a]]\n', n)],
    ['greater blocks never closed', (n) => rep('#+begin_quote\n- item\n', n)],
    ['blocks', (n) => rep('#+begin_quote\ntext *b* [[id:x][y]]\n#+end_quote\n#+begin_src js\nf()\n#+end_src\n', n)],
    ['links `[[…][…` never closed, on one line', (n) => rep('[[id:x][y ', n)],
    ['runs of `[[`', (n) => rep('[[', n)],
    ['link paths `[[aaa` never closed', (n) => rep('[[aaaa ', n)],
    ['a line dense with emphasis markers', (n) => rep('*a /b _c =d ~e +f ', n)],
    ['emphasis closers only', (n) => rep('a* b/ c_ d= e~ f+ ', n)],
    ['nested emphasis `*(/(_(+x+)_)/)*`', (n) => rep('*(/(_(+x+)_)/)* ', n)],
    ['20,000 `*` in a row', (n) => 'x\n' + '*'.repeat(n)],
    ['lists nested deep', (n) => lines(n, (i) => `${' '.repeat(i % 400)}- [ ] item`)],
    ['one long list of items with links', (n) => rep('- item with [[https://x.org][link]] and *b*\n', n)],
    ['checkbox and description items, text lines between', (n) => rep('- [X] term :: desc\n  text\n  - [ ] sub\n', n)],
    ['tables', (n) => rep('| a | [[id:x][b]] | =c= |\n|---+---+---|\n', n)],
    ['orphan #+caption lines', (n) => rep('#+caption: x\n', n) + '\n'],
    ['keywords, fixed-width and comment lines', (n) => rep('#+key: v\n: fixed\n# comment\n', n)],
    ['footnote definitions and references', (n) => rep('[fn:1] def [fn:2]\n', n)],
    ['inline footnotes `[fn::a [` never closed', (n) => rep('[fn::a [', n)],
    ['LaTeX `$x$` and lone `$`', (n) => rep(`$x$ $ y ${'text '.repeat(10)}`, n)],
    ['LaTeX `\\(` never closed', (n) => rep('\\( x ', n)],
    ['LaTeX `\\begin{x}` never ended', (n) => rep(`\\begin{x}\ny\n${'text\n'.repeat(10)}`, n)],
    ['a URL followed by many `)`', (n) => 'see https://x.org/' + ')'.repeat(n)],
    ['a URL followed by many `(`', (n) => 'see https://x.org/' + '('.repeat(n)],
    ['plain URLs with parentheses', (n) => rep('see https://x.org/a_b?c=(d) ', n)],
    ['timestamps and unclosed ones', (n) => rep('<2024-01-01 Mon 10:00 +1w> [2024-01-0', n)],
    ['entities and LaTeX commands', (n) => rep(`\\alpha \\to \\foo{x} ${'\\alpha '.repeat(10)}`, n)],
    ['subscripts and superscripts', (n) => rep('a_b^{c}_', n)],
    ['citations `[cite:@a` never closed', (n) => rep('[cite:@a ', n)],
    ['angle links `<https://x` never closed', (n) => rep('<https://x ', n)],
    ['macros `{{{x(` never closed', (n) => rep('{{{x(', n)],
    ['targets `<<a` never closed', (n) => rep('<<a ', n)],
    ['one long paragraph', (n) => rep('word ', n)],
    ['image links (figures from the index)', (n) => rep('[[file:img.png]] [[./b.jpg]]\n', n)],
    ['a long heading of `(` never closed (its ox-hugo slug)', (n) => '* ' + rep('(a ', n)],
    ['a long heading of `<b>` never closed', (n) => '* ' + rep('<b>x ', n)],
  ];
  return org.flatMap(([name, build]) => [
    { name: `org: ${name}`, target: 'org' as const, build },
    { name: `org view: ${name}`, target: 'org-view' as const, build },
  ]);
}
