// Problems: stored ones (from reading and parsing files, and from the last scan) plus those derived from
// the index as it stands (broken links and anchors, notes sharing a file name), and the index figures.
import type { IndexStats, InternalLinkSyntax, Problem } from '../../../shared/types';
import type { DB } from './schema';
import { Resolver } from './resolve';
import { blockRefId } from '../../../shared/formats/logseq/block-ref';

/** `contentDir`: the vault's content folder (to name the notes an ambiguous link may mean). */
export function listProblems(db: DB, contentDir: string, file?: string): Problem[] {
  const where = file === undefined ? '' : 'WHERE file = @file';
  const byFile = file === undefined ? {} : { file };
  const stored = db
    .prepare<{ file?: string }, Problem>(`SELECT file, line, kind, message FROM problems ${where} UNION ALL SELECT file, line, kind, message FROM scan_problems ${where}`)
    .all(byFile);
  const links = db
    .prepare<{ file?: string }, { note: string; line: number; raw: string; anchor: string | null; text: string; syntax: InternalLinkSyntax; resolution: string }>(`SELECT note, line, raw, anchor, text, syntax, resolution FROM links WHERE resolution NOT IN ('resolved', 'implicit') ${file === undefined ? '' : 'AND note = @file'}`)
    .all(byFile);
  const out = [...stored];
  let resolver: Resolver | null = null;
  for (const l of links) {
    const target = l.anchor ? `${l.raw}#${l.anchor}` : l.raw;
    if (l.resolution === 'ambiguous') {
      resolver ??= Resolver.fromDb(db, contentDir);
      const names = resolver.candidatesOf(l.note, l.raw, l.syntax).join(', ');
      out.push({ file: l.note, line: l.line, kind: 'ambiguous-link', message: `Several notes match "${l.raw}" (link "${l.text}"): ${names}; write more of the path to pick one` });
      continue;
    }
    if (l.syntax === 'org-id' && l.resolution === 'broken-target') {
      out.push({ file: l.note, line: l.line, kind: 'broken-link', message: `No note or heading has the ID ${l.raw} (link "${l.text}")` });
      continue;
    }
    if (l.resolution === 'broken-anchor' && l.anchor && /^[*#]/.test(l.anchor) && l.syntax.startsWith('org-')) {
      const what = l.anchor.startsWith('*') ? `heading "${l.anchor.slice(1)}"` : `heading with CUSTOM_ID ${l.anchor.slice(1)}`;
      out.push({ file: l.note, line: l.line, kind: 'broken-anchor', message: `No ${what} in ${l.raw || 'this note'} (link "${l.text}")` });
      continue;
    }
    out.push(
      l.resolution === 'broken-anchor'
        ? {
          file: l.note, line: l.line, kind: 'broken-anchor',
          message: l.anchor!.startsWith('^')
            ? `No block ${l.anchor} in ${l.raw || 'this note'} (link "${l.text}")`
            : `No heading #${l.anchor} in ${l.raw || 'this note'} (link "${l.text}")`,
        }
        : blockRefId(l.raw)
          ? { file: l.note, line: l.line, kind: 'broken-link', message: `No block ${l.raw} in the graph (no page has id:: ${blockRefId(l.raw)})` }
          : { file: l.note, line: l.line, kind: 'broken-link', message: `No note found for "${target}" (link "${l.text}")` },
    );
  }
  const dupes = db
    .prepare<{ file?: string }, { id: string; others: string }>(`SELECT n.id, d.others FROM notes n JOIN (SELECT name_lc, group_concat(id, ', ') AS others, count(*) AS c FROM notes GROUP BY name_lc HAVING c > 1) d USING (name_lc) ${file === undefined ? '' : 'WHERE n.id = @file'}`)
    .all(byFile);
  for (const d of dupes) {
    out.push({ file: d.id, line: null, kind: 'duplicate-id', message: `Several notes share this file name: ${d.others}` });
  }
  // an org-roam ID on more than one node: id: links land on the first by path
  const ids = db
    .prepare<{ file?: string }, { note: string; line: number; id: string; places: string }>(
      `SELECT o.note, o.line, o.id, d.places FROM org_nodes o JOIN (SELECT id_lc, group_concat(note || ':' || line, ', ') AS places, count(*) AS c
       FROM org_nodes GROUP BY id_lc HAVING c > 1) d USING (id_lc) ${file === undefined ? '' : 'WHERE o.note = @file'}`,
    )
    .all(byFile);
  for (const d of ids) {
    out.push({ file: d.note, line: d.line, kind: 'duplicate-id', message: `The ID ${d.id} is used by several nodes (${d.places}); id: links to it land on the first` });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

export function indexStats(db: DB, ms: number): IndexStats {
  const one = (sql: string) => db.prepare<[], number>(sql).pluck().get() ?? 0;
  // (a link to a Logseq page without a file is not broken)
  const links = db.prepare<[], { total: number; resolved: number }>(`SELECT count(*) AS total, coalesce(sum(resolution IN ('resolved', 'implicit')), 0) AS resolved FROM links`).get() ?? { total: 0, resolved: 0 };
  const dupes =
    one(`SELECT coalesce(sum(c), 0) FROM (SELECT count(*) AS c FROM notes GROUP BY name_lc HAVING c > 1)`) +
    one(`SELECT coalesce(sum(c), 0) FROM (SELECT count(*) AS c FROM org_nodes GROUP BY id_lc HAVING c > 1)`);
  return {
    notes: one(`SELECT count(*) FROM notes`),
    internalLinks: links.total,
    resolvedLinks: links.resolved,
    brokenLinks: links.total - links.resolved,
    externalLinks: one(`SELECT coalesce(sum(ext_count), 0) FROM notes`),
    todos: one(`SELECT count(*) FROM todos`),
    tags: one(`SELECT count(DISTINCT name) FROM tags`),
    problems: one(`SELECT (SELECT count(*) FROM problems) + (SELECT count(*) FROM scan_problems)`) + links.total - links.resolved + dupes,
    ms,
  };
}
