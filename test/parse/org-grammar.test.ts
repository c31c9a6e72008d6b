// The org grammar (shared/formats/org/elements.ts, objects.ts) case by case, on the examples of the Org Syntax
// document (https://orgmode.org/worg/org-syntax.html), section by section, and the cases where Org's parser
// (org-element) decides what the document leaves open.
import { describe, expect, it } from 'vitest';
import { readLine, readOrg } from '../../shared/formats/org/elements';
import type { Heading, OrgElement, OrgObject, Paragraph, PlainList } from '../../shared/formats/org/tree';

const KEYWORDS = { open: ['TODO'], done: ['DONE'] };
const doc = (text: string) => readOrg(text, KEYWORDS).doc;
const types = (els: readonly OrgElement[]) => els.map((e) => e.type);
/** Objects as [type, text] pairs (text: a value, or the children's). */
const objs = (os: readonly OrgObject[]): unknown[] =>
  os.map((o) => {
    switch (o.type) {
      case 'text':
      case 'verbatim':
      case 'code':
      case 'latex-fragment':
      case 'statistics-cookie':
      case 'macro':
      case 'export-snippet':
      case 'target':
        return [o.type, o.value];
      case 'timestamp':
        return [o.type, o.rawValue];
      case 'entity':
        return [o.type, o.utf8];
      case 'link':
        return [o.type, o.format, o.linkType, o.rawLink];
      case 'citation':
        return [o.type, o.keys];
      case 'line-break':
        return [o.type];
      case 'inline-src-block':
        return [o.type, o.language, o.value];
      case 'inline-babel-call':
        return [o.type, o.value];
      default:
        return [o.type, objs(o.children)];
    }
  });
const line = (text: string) => objs(readLine(text));

describe('Headings (STARS KEYWORD PRIORITY COMMENT TITLE TAGS)', () => {
  it('the document’s examples', () => {
    const d = doc('*\n* \n** DONE\n*** Some e-mail\n**** TODO [#A] COMMENT Title :tag:a2%:\n');
    // `*` alone is no heading (a space must follow the stars)
    expect(types(d.children)).toEqual(['paragraph', 'heading']);
    const [h1] = d.children.slice(1) as Heading[];
    const all: Heading[] = [];
    const walk = (h: Heading) => {
      all.push(h);
      for (const c of h.children) if (c.type === 'heading') walk(c);
    };
    walk(h1);
    expect(all.map((h) => [h.level, h.keyword, h.priority, h.commented, objs(h.title), h.tags])).toEqual([
      [1, null, null, false, [], []],
      [2, 'DONE', null, false, [], []],
      [3, null, null, false, [['text', 'Some e-mail']], []],
      [4, 'TODO', 'A', true, [['text', 'Title']], ['tag', 'a2%']],
    ]);
  });

  it('a subtree ends before the next heading of its level or higher; planning and properties only right below', () => {
    const d = doc('* A\nSCHEDULED: <2024-01-02 Tue>\n:PROPERTIES:\n:ID: x\n:END:\ntext\n** B\n\nSCHEDULED: <2024-01-03 Wed>\n* C\n');
    const [a, c] = d.children as Heading[];
    expect([a.line, a.endLine, c.line]).toEqual([1, 9, 10]);
    expect(a.planning?.scheduled?.rawValue).toBe('<2024-01-02 Tue>');
    expect(a.properties?.properties).toEqual([{ key: 'ID', value: 'x', line: 4 }]);
    const b = a.children.find((e) => e.type === 'heading') as Heading;
    // after a blank line, SCHEDULED: is a paragraph
    expect([b.planning, types(b.children)]).toEqual([null, ['paragraph']]);
  });
});

describe('Greater elements', () => {
  it('a drawer needs its :END: (an unclosed one is text); drawers do not nest; a stray :END: ends a paragraph', () => {
    expect(types(doc(':LOGBOOK:\n- x\n:END:\n').children)).toEqual(['drawer']);
    const open = doc(':LOGBOOK:\n- x\n\n* H\n:END:\n');
    expect(types(open.children)).toEqual(['paragraph', 'plain-list', 'heading']);
    const nested = doc(':A:\n:B:\ntext\n:END:\n').children[0];
    expect(nested.type === 'drawer' && types(nested.children)).toEqual(['paragraph']);
    expect(types(doc('text\n:END:\nmore\n').children)).toEqual(['paragraph', 'drawer', 'paragraph']);
  });

  it('greater blocks: complete ones hold elements, an unclosed one is a paragraph; the name is matched case-insensitively', () => {
    const d = doc('#+BEGIN_QUOTE\n- item\n#+end_quote\n#+begin_note x\ntext\n#+END_NOTE\n#+begin_center\nno end\n');
    expect(types(d.children)).toEqual(['quote-block', 'special-block', 'paragraph']);
    expect(d.children[1].type === 'special-block' && [d.children[1].blockType, d.children[1].parameters]).toEqual(['note', 'x']);
  });

  it('Items: the document’s example, its structure (ordered, checkbox, description sub-list)', () => {
    const list = doc('1. item 1\n2. [X] item 2\n   - some tag :: item 2.1\n').children[0] as PlainList;
    expect(list.listType).toBe('ordered');
    expect(list.items.map((i) => [i.bullet, i.checkbox, types(i.children)])).toEqual([['1.', null, ['paragraph']], ['2.', 'on', ['paragraph', 'plain-list']]]);
    const sub = list.items[1].children[1] as PlainList;
    expect([sub.listType, objs(sub.items[0].tag!), objs((sub.items[0].children[0] as Paragraph).children)]).toEqual([
      'descriptive', [['text', 'some tag']], [['text', 'item 2.1']],
    ]);
  });

  it('Items: bullets, counters, where an item ends (a line as indented, two blank lines), blocks inside items', () => {
    const d = doc('- a\n * b, an item (indented star)\n+ c\n3. [@3] d\n\n  after one blank line, still d\n\n\n- new list\nnot in it\n');
    const [first, second] = d.children as PlainList[];
    expect(first.items.map((i) => [i.bullet, i.counter])).toEqual([['-', null], ['+', null], ['3.', '3']]);
    expect(first.items[0].children.map((c) => c.type)).toEqual(['paragraph', 'plain-list']);
    expect(types(first.items[2].children)).toEqual(['paragraph', 'paragraph']);
    expect(second.items).toHaveLength(1);
    expect(types(d.children)).toEqual(['plain-list', 'plain-list', 'paragraph']);
    const block = doc('- item\n  #+begin_src sh\nls\n  #+end_src\n  still the item\n').children[0] as PlainList;
    expect(types(block.items[0].children)).toEqual(['paragraph', 'src-block', 'paragraph']);
  });

  it('Footnote definitions end at the next definition, two blank lines, or a heading', () => {
    const d = doc('[fn:1] A short footnote.\n\n[fn:2] This is a longer footnote.\n\nIt even contains a single blank line.\n\n\nOutside.\n');
    expect(types(d.children)).toEqual(['footnote-definition', 'footnote-definition', 'paragraph']);
    expect(d.children[1].type === 'footnote-definition' && types(d.children[1].children)).toEqual(['paragraph', 'paragraph']);
  });

  it('Tables: org tables with rules and #+TBLFM, table.el tables', () => {
    const t = doc('| Name  | Phone |\n|-------+-------|\n| Peter | [[id:x][1234]] |\n#+TBLFM: $2=1\n+---+\n| a |\n+---+\n').children;
    expect(types(t)).toEqual(['table', 'table']);
    expect(t[0].type === 'table' && t[0].rows.map((r) => [r.type, r.cells.map(objs)])).toEqual([
      ['standard', [[['text', 'Name']], [['text', 'Phone']]]],
      ['rule', []],
      ['standard', [[['text', 'Peter']], [['link', 'bracket', 'id', 'id:x']]]],
    ]);
    expect(t[1].type === 'table' && t[1].tableType).toBe('table.el');
  });
});

describe('Lesser elements', () => {
  it('blocks: commas quote `*` and `#+` lines; the common indentation goes; -i keeps it', () => {
    const [src, ex] = doc('  #+begin_src emacs-lisp\n    (+ 1 2)\n  ,* not a heading\n  #+end_src\n#+begin_example -i\n  kept\n#+end_example\n').children;
    expect(src.type === 'src-block' && [src.language, src.value]).toEqual(['emacs-lisp', '  (+ 1 2)\n* not a heading\n']);
    expect(ex.type === 'example-block' && ex.value).toBe('  kept\n');
  });

  it('affiliated keywords belong to the element below; followed by a blank line they are keywords', () => {
    const d = doc('#+name: image-name\n#+caption: This is a caption for\n#+caption: the image linked below\n[[file:some/image.png]]\n\n#+caption: hi\n\n');
    expect(types(d.children)).toEqual(['paragraph', 'keyword']);
    expect(d.children[0].affiliated?.name).toBe('image-name');
    expect(d.children[0].affiliated?.caption?.map(objs)).toEqual([[['text', 'This is a caption for']], [['text', 'the image linked below']]]);
  });

  it('comments, fixed width, horizontal rules (five dashes), clocks, diary sexps, LaTeX environments, keywords', () => {
    const d = doc('# Just a comment\n#\n# Over multiple lines\n: This is a\n: fixed width area\n-----\n----\nCLOCK: [2024-10-12]\n%%(org-calendar-holiday)\n\\begin{align*}\n2x - 5y &= 8\n\\end{align*}\n#+title: T\n');
    expect(types(d.children)).toEqual(['comment', 'fixed-width', 'horizontal-rule', 'paragraph', 'clock', 'diary-sexp', 'latex-environment', 'keyword']);
    expect(d.children[1].type === 'fixed-width' && d.children[1].value).toBe('This is a\nfixed width area');
  });

  it('paragraphs end at blank lines and at elements — blocks, drawers and environments only when complete', () => {
    expect(types(doc('a\n#+begin_quote\nb\n').children)).toEqual(['paragraph']);
    expect(types(doc('a\n#+begin_quote\nb\n#+end_quote\n').children)).toEqual(['paragraph', 'quote-block']);
    expect(types(doc('a\n- b\n').children)).toEqual(['paragraph', 'plain-list']);
    expect(types(doc('a\n#+key: v\nb\n').children)).toEqual(['paragraph', 'keyword', 'paragraph']);
  });
});

describe('Objects', () => {
  it('text markup: PRE and POST as the document lists them; nothing inside =verbatim= and ~code~', () => {
    expect(line('Org is a /plaintext markup syntax/ developed with *Emacs* in 2003.')).toEqual([
      ['text', 'Org is a '], ['italic', [['text', 'plaintext markup syntax']]], ['text', ' developed with '], ['bold', [['text', 'Emacs']]], ['text', ' in 2003.'],
    ]);
    expect(line('=[[id:x]]= ~*b*~ a*b*c (*x*) "_u_" +s+. *a\nb*')).toEqual([
      ['verbatim', '[[id:x]]'], ['text', ' '], ['code', '*b*'], ['text', ' a*b*c ('], ['bold', [['text', 'x']]], ['text', ') "'],
      ['underline', [['text', 'u']]], ['text', '" '], ['strike-through', [['text', 's']]], ['text', '. '], ['bold', [['text', 'a\nb']]],
    ]);
    // typographic quotes are neither PRE nor POST
    expect(line('“*x*”')).toEqual([['text', '“*x*”']]);
  });

  it('links: regular (description over brackets), angle, plain (ending before punctuation, two levels of parentheses)', () => {
    expect(line('[[https://orgmode.org][The Org *project* homepage]] [[file:orgmanual.org]] [[Regular links]] [[#id]] [[*H]] [[(ref)]]')).toEqual([
      ['link', 'bracket', 'https', 'https://orgmode.org'], ['text', ' '], ['link', 'bracket', 'file', 'file:orgmanual.org'], ['text', ' '],
      ['link', 'bracket', 'fuzzy', 'Regular links'], ['text', ' '], ['link', 'bracket', 'custom-id', '#id'], ['text', ' '],
      ['link', 'bracket', 'fuzzy', '*H'], ['text', ' '], ['link', 'bracket', 'coderef', '(ref)'],
    ]);
    expect(line('Be sure to look at https://orgmode.org. <mailto:a@b.c> https://x.org/a_(b_(c))) file:x.org')).toEqual([
      ['text', 'Be sure to look at '], ['link', 'plain', 'https', 'https://orgmode.org'], ['text', '. '], ['link', 'angle', 'mailto', 'mailto:a@b.c'],
      ['text', ' '], ['link', 'plain', 'https', 'https://x.org/a_(b_(c))'], ['text', ') '], ['link', 'plain', 'file', 'file:x.org'],
    ]);
    // not a link: an unknown type, a type inside a word
    expect(line('foo:bar xhttps://x.org')).toEqual([['text', 'foo:bar xhttps://x.org']]);
  });

  it('timestamps: the document’s examples', () => {
    expect(line('<1997-11-03 Mon 19:15> <%%(diary-float t 4 2)> [2004-08-24 Tue]--[2004-08-26 Thu] <2012-02-08 Wed 20:00 ++1d> <2030-10-05 Sat +1m -3d>').filter((o) => (o as string[])[0] === 'timestamp')).toEqual([
      ['timestamp', '<1997-11-03 Mon 19:15>'], ['timestamp', '<%%(diary-float t 4 2)>'], ['timestamp', '[2004-08-24 Tue]--[2004-08-26 Thu]'],
      ['timestamp', '<2012-02-08 Wed 20:00 ++1d>'], ['timestamp', '<2030-10-05 Sat +1m -3d>'],
    ]);
  });

  it('entities and LaTeX fragments, line breaks, sub/superscripts', () => {
    expect(line('1\\cent. \\alpha{}x \\enlargethispage{2\\baselineskip} \\(e^{i \\pi}\\) $$1+1=2$$ $a$ $5 and $6')).toEqual([
      ['text', '1'], ['entity', '¢'], ['text', '. '], ['entity', 'α'], ['text', 'x '], ['latex-fragment', '\\enlargethispage{2\\baselineskip}'], ['text', ' '],
      ['latex-fragment', '\\(e^{i \\pi}\\)'], ['text', ' '], ['latex-fragment', '$$1+1=2$$'], ['text', ' '], ['latex-fragment', '$a$'], ['text', ' $5 and $6'],
    ]);
    expect(line('a\\\\\nb H_2O x^{i} a_*')).toEqual([
      ['text', 'a'], ['line-break'], ['text', 'b H'], ['subscript', [['text', '2O']]], ['text', ' x'], ['superscript', [['text', 'i']]], ['text', ' a'], ['subscript', [['text', '*']]],
    ]);
  });

  it('footnote references, citations, cookies, snippets, macros, targets, inline source', () => {
    expect(line('[fn:1] [fn:n:inline *def*] [cite/t: see;@source1;@source2;by Smith] [33%] [1/3] @@html:<b>@@ {{{two_arg_macro(1\\,a, 2)}}} <<t>> src_sh{ls} call_f(1)')).toEqual([
      ['footnote-reference', []], ['text', ' '], ['footnote-reference', [['text', 'inline '], ['bold', [['text', 'def']]]]], ['text', ' '],
      ['citation', ['source1', 'source2']], ['text', ' '], ['statistics-cookie', '[33%]'], ['text', ' '], ['statistics-cookie', '[1/3]'], ['text', ' '],
      ['export-snippet', '<b>'], ['text', ' '], ['macro', '{{{two_arg_macro(1\\,a, 2)}}}'], ['text', ' '], ['target', 't'], ['text', ' '],
      ['inline-src-block', 'sh', 'ls'], ['text', ' '], ['inline-babel-call', 'call_f(1)'],
    ]);
  });
});
