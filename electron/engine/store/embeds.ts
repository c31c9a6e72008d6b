// Embeds `![[Note#…]]` of markdown notes: getNote sends, on each such link, the section it shows with that
// note's headings, links and figures on those lines (InternalLink.embed), as it sends a Logseq block ref's
// text (targetText): the note view draws it without asking again. Nested embeds are followed to
// MAX_EMBED_DEPTH; a section already being shown is refused (a cycle); at most MAX_EMBEDS per note; each
// section is bounded (markdown/embed.ts).
import { join } from 'node:path';
import { formatOfFile } from '../../../shared/formats/extensions';
import { boundSection, embedSection, MAX_EMBED_DEPTH, MAX_EMBEDS } from '../../../shared/formats/markdown/embed';
import type { ParsedHeading } from '../../../shared/formats/types';
import type { EmbeddedSection, Figure, Heading, InternalLink } from '../../../shared/types';
import { readBody } from '../scan/read';
import type { DB } from './schema';
import type { Layout } from './write';

interface Target {
  lines: string[];
  bodyLine: number;
  headings: Heading[];
  links: InternalLink[];
  figures: Figure[];
}

/** A note's links as the index stored them (as getNote sends them). */
export function storedLinks(db: DB, id: string): InternalLink[] {
  return (
    db.prepare(`SELECT raw, anchor, text, line, syntax, target, resolution, placeholder, target_anchor AS targetAnchor FROM links WHERE note = ? ORDER BY ord`).all(id) as Omit<InternalLink, 'source'>[]
  ).map(({ targetAnchor, ...l }) => (targetAnchor ? { source: id, ...l, targetAnchor } : { source: id, ...l }));
}

/** A note's figures as the index stored them. */
export function storedFigures(db: DB, id: string): Figure[] {
  return (
    db.prepare(`SELECT line, src, caption, external, path, present FROM figures WHERE note = ? ORDER BY line`).all(id) as {
      line: number; src: string; caption: string; external: number; path: string | null; present: number;
    }[]
  ).map((f): Figure => ({ note: id, line: f.line, src: f.src, path: f.path, exists: f.present === 1, external: f.external === 1, caption: f.caption }));
}

/** Sets `embed` on each embed of a markdown note among `outgoing` (the links of note `host`), nested ones too. */
export function attachEmbeds(db: DB, layout: Layout, host: string, outgoing: InternalLink[]): void {
  if (!outgoing.some((l) => l.syntax === 'embed' && l.target)) return;
  const targets = new Map<string, Target | null>();
  const load = (id: string): Target | null => {
    if (targets.has(id)) return targets.get(id)!;
    const n = db.prepare(`SELECT body_line, headings FROM notes JOIN note_data USING (rid) WHERE id = ?`).get(id) as { body_line: number; headings: string } | undefined;
    const t = n
      ? {
          lines: readBody(join(layout.root, id), n.body_line).split('\n'),
          bodyLine: n.body_line,
          headings: (JSON.parse(n.headings) as ParsedHeading[]).map(({ level, text, anchor, line, listItem }): Heading => (listItem ? { level, text, anchor, line, listItem } : { level, text, anchor, line })),
          links: storedLinks(db, id),
          figures: storedFigures(db, id),
        }
      : null;
    targets.set(id, t);
    return t;
  };
  let left = MAX_EMBEDS;
  const refused = (why: NonNullable<EmbeddedSection['refused']>): EmbeddedSection => ({ body: '', bodyLine: 1, headings: [], outgoing: [], figures: [], truncated: false, refused: why });
  const walk = (links: InternalLink[], chain: string[], depth: number): void => {
    for (const l of links) {
      if (l.syntax !== 'embed' || l.resolution !== 'resolved' || !l.target || formatOfFile(l.target) !== 'markdown') continue;
      const anchor = l.targetAnchor ?? l.anchor;
      const key = `${l.target}#${anchor ?? ''}`;
      if (chain.includes(key)) l.embed = refused('cycle');
      else if (depth > MAX_EMBED_DEPTH) l.embed = refused('depth');
      else if (left <= 0) l.embed = refused('limit');
      else {
        const t = load(l.target);
        const body = t?.lines.join('\n');
        const sec = t && embedSection(body!, t.bodyLine, t.headings, anchor);
        if (!t || !sec) continue;
        left--;
        const { text, truncated } = boundSection(t.lines, sec.from, sec.to);
        const first = t.bodyLine + sec.from;
        const last = first + text.split('\n').length - 1;
        const on = (line: number) => line >= first && line <= last;
        const embed: EmbeddedSection = {
          body: text,
          bodyLine: first,
          headings: t.headings.filter((h) => on(h.line)),
          outgoing: t.links.filter((k) => on(k.line)).map((k) => ({ ...k })),
          figures: t.figures.filter((f) => on(f.line)),
          truncated,
        };
        l.embed = embed;
        walk(embed.outgoing, [...chain, key], depth + 1);
      }
    }
  };
  walk(outgoing, [`${host}#`], 1);
}
