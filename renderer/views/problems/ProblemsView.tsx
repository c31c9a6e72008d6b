// Problems found while indexing, grouped by kind with counts; each one jumps to its place.
import { useMemo, useState } from 'react';
import type { Problem, ProblemKind } from '../../../shared/types';
import type { ViewProps } from '../types';
import { failure, useApi } from '../../data';
import { LoadError } from '../../components/LoadError';
import { isNoteFile } from '../../../shared/formats/extensions';
import './problems.css';

/** In order of how actionable they are (link problems first); the labels shown. */
const KIND_LABEL: Record<ProblemKind, string> = {
  'broken-link': 'Broken links',
  'broken-anchor': 'Broken anchors',
  'ambiguous-link': 'Ambiguous links',
  'front-matter': 'Bad front matter',
  encoding: 'Encoding',
  binary: 'Binary files skipped',
  'too-large': 'Files too large',
  'too-slow': 'Files too slow to read',
  unreadable: 'Unreadable files',
  vanished: 'Files that vanished',
  'symlink-loop': 'Symlink loops',
  'outside-vault': 'Links out of the vault',
  'duplicate-id': 'Duplicate ids',
  'missing-figure': 'Missing figures',
  config: 'Configuration',
  index: 'Index repairs',
};

const FOLD_ABOVE = 100;

/** Kinds whose file is a note the note view can open. */
const IN_NOTE = new Set<ProblemKind>(['broken-link', 'broken-anchor', 'ambiguous-link', 'front-matter', 'duplicate-id', 'missing-figure', 'encoding']);

export default function ProblemsView({ client, navigate }: ViewProps) {
  const problemsQuery = useApi(client, 'problems', null);
  const notesQuery = useApi(client, 'listNotes', null);
  const problems = problemsQuery.data ?? null;
  const titles = useMemo(() => new Map<string, string>((notesQuery.data ?? []).map((n) => [n.id, n.title])), [notesQuery.data]);
  const failed = failure(problemsQuery, notesQuery);
  // Big groups start folded so every kind is in view; the user unfolds the one they work on.
  const [toggled, setToggled] = useState<Set<string>>(new Set());

  const groups = useMemo(() => {
    const map = new Map<ProblemKind, Problem[]>();
    for (const p of problems ?? []) (map.get(p.kind) ?? map.set(p.kind, []).get(p.kind)!).push(p);
    const order = Object.keys(KIND_LABEL);
    return [...map].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  }, [problems]);

  const toggle = (kind: string) => setToggled((s) => (s.has(kind) ? (s.delete(kind), new Set(s)) : new Set(s).add(kind)));
  const isClosed = (kind: string, size: number) => (size > FOLD_ABOVE) !== toggled.has(kind);

  return (
    <div className="problems-view">
      <div className="pv-bar">
        <h1>Problems</h1>
        <span className="pv-total">{problems ? `${problems.length} in ${new Set(problems.map((p) => p.file)).size} files` : '…'}</span>
        <div className="pv-summary">
          {groups.map(([kind, list]) => (
            <a key={kind} href={`#pv-${kind}`} className={`pv-kind-pill ${kind}`} onClick={(e) => {
                e.preventDefault();
                if (isClosed(kind, list.length)) toggle(kind);
                document.getElementById(`pv-${kind}`)?.scrollIntoView();
              }}>
              {KIND_LABEL[kind] ?? kind} <span className="count">{list.length}</span>
            </a>
          ))}
        </div>
      </div>
      <div className="pv-scroll">
        {failed && <LoadError what="The problems" error={failed.error} retry={failed.retry} />}
        {problems && problems.length === 0 && <div className="pv-none">No problems. Every link resolves and every file was read.</div>}
        {groups.map(([kind, list]) => (
          <section key={kind} className="pv-group" id={`pv-${kind}`} data-kind={kind}>
            <h2 onClick={() => toggle(kind)}>
              <span className="chevron">{isClosed(kind, list.length) ? '▸' : '▾'}</span>
              {KIND_LABEL[kind] ?? kind}
              <span className="count">{list.length}</span>
            </h2>
            {!isClosed(kind, list.length) && (
              <ul className="pv-list">
                {list.map((p, i) => {
                  const canOpen = IN_NOTE.has(p.kind) && isNoteFile(p.file);
                  return (
                    <li
                      key={`${p.file}:${p.line}:${i}`}
                      className={canOpen ? 'link' : ''}
                      onClick={canOpen ? () => navigate({ view: 'note', id: p.file, line: p.line }) : undefined}
                      title={canOpen ? 'Open the note at this line' : undefined}
                    >
                      <span className="pv-where">
                        <span className="pv-title">
                          {titles.get(p.file) ?? p.file}
                          {p.line != null && <span className="pv-line"> · line {p.line}</span>}
                        </span>
                        {titles.has(p.file) && <span className="pv-file">{p.file}</span>}
                      </span>
                      <span className="pv-message">{p.message}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
