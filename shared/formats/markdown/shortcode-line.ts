// A Hugo shortcode as written on one line — `{{< name args >}}` / `{{% name args %}}`, `{{< /name >}}` — and
// the paired shortcodes whose content is raw (code, TeX, a diagram's source), not markdown. Read by the note
// view (shortcode.ts, which draws them) and by the line scanner (blocks.ts: the lines between a raw pair's
// opening and closing lines are code, so a link in a `{{< highlight >}}` block is no link, as in the view).

/** Paired shortcodes whose content is raw: code (`highlight`), TeX (`katex`, `math`), a diagram (`mermaid`). */
export const RAW_SHORTCODES: ReadonlySet<string> = new Set(['highlight', 'katex', 'math', 'mermaid']);

/** `{{<` or `{{%`, an optional `/`, the name, the arguments, the closing `>}}` / `%}}` (on one line). */
/** (No brace inside: a scan from one `{{` stops at the next brace, so a line of unclosed ones stays linear.) */
const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([A-Za-z][\w./-]*)((?:[^{}"'\n]|"[^"\n{}]*"|'[^'\n{}]*'|`[^`\n{}]*`)*?)\s*\/?[>%]\}\}/y;
/** Shortcodes other files draw (and the index records). */
const OWN_RULES = new Set(['figure', 'relref', 'ref']);

export interface Shortcode {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  /** Positional arguments, in order. */
  args: string[];
  /** Named arguments (`name="value"`), names lower-cased. */
  named: Record<string, string>;
}

/** The arguments of a shortcode: positional and `name=value`, quoted ("…", '…', `…`) or bare. */
export function shortcodeArgs(s: string): { args: string[]; named: Record<string, string> } {
  const args: string[] = [];
  const named: Record<string, string> = {};
  for (const m of s.matchAll(/(?:([A-Za-z][\w-]*)=)?(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^\s"'`=]+))/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (m[1]) named[m[1].toLowerCase()] = value;
    else args.push(value);
  }
  return { args, named };
}

/** The shortcode starting exactly at `pos`, or null (figure and relref are not others' to draw). */
export function shortcodeAt(s: string, pos: number): Shortcode | null {
  if (s.charCodeAt(pos) !== 0x7b || s.charCodeAt(pos + 1) !== 0x7b) return null;
  SHORTCODE.lastIndex = pos;
  const m = SHORTCODE.exec(s);
  if (!m) return null;
  const name = m[3];
  if (OWN_RULES.has(name.toLowerCase()) && !m[2]) return null;
  return { start: pos, end: pos + m[0].length, name, closing: m[2] === '/', ...shortcodeArgs(m[4]) };
}
