// Text with marked spans (a search snippet, shared/types.ts MarkedText) as React elements: the text stays text
// (React escapes it), each span a <mark>. No HTML from the note reaches the page.
import type { ReactNode } from 'react';
import type { MarkedText as Marked } from '../../shared/types';

/** The pieces of `value`: plain strings and marked ones, in order (marks out of range or overlapping are clipped). */
export function markedPieces(value: Marked): { text: string; marked: boolean }[] {
  const { text } = value;
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [a0, b0] of value.marks) {
    const a = Math.max(at, Math.min(a0, text.length));
    const b = Math.max(a, Math.min(b0, text.length));
    if (a > at) out.push({ text: text.slice(at, a), marked: false });
    if (b > a) out.push({ text: text.slice(a, b), marked: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/** The pieces of `value` as React children (to put inside an element of the caller's). */
export function MarkedText({ value }: { value: Marked }): ReactNode {
  return markedPieces(value).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text));
}
