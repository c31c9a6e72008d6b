// In-app navigation: one Route type for every view; App.tsx keeps a back/forward history of them, and in
// the address bar each route has a hash of its own (a deep link): `#/note/<id>?anchor=…`,
// `#/graph?mode=tags&focus=…`, `#/reading?category=A&category=B`, `#/todos?state=open`, `#/search?q=…`.
import type { GraphMode, NoteId, ReadingQuery, TodoQuery } from '../shared/types';

export type Route =
  | { view: 'graph'; mode?: GraphMode; focus?: string | null; global?: boolean }
  | { view: 'note'; id: string; anchor?: string | null; line?: number | null }
  | { view: 'reading'; query?: ReadingQuery }
  | { view: 'todos'; query?: TodoQuery }
  | { view: 'search'; query?: string }
  | { view: 'problems' };

export type Navigate = (route: Route) => void;

const VIEWS = new Set<Route['view']>(['graph', 'note', 'reading', 'todos', 'search', 'problems']);
/** Query keys that hold a list (repeated in the hash: `category=A&category=B`). */
const LIST_KEYS = new Set(['category', 'includeTags', 'excludeTags']);
/** Query keys that hold a number; every other value is a string (or true/false for BOOL_KEYS). */
const NUMBER_KEYS = new Set(['offset', 'limit', 'line', 'depth']);
const BOOL_KEYS = new Set(['global', 'hasOpenTodos', 'hasReadingLinks', 'orphans', 'placeholders', 'implicit']);

function paramsOf(obj: Record<string, unknown> | undefined): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else p.append(k, String(v));
  }
  return p;
}

function objectOf(p: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of new Set(p.keys())) {
    const all = p.getAll(k);
    if (LIST_KEYS.has(k) || all.length > 1) out[k] = all;
    else if (NUMBER_KEYS.has(k)) {
      const n = Number(all[0]);
      if (Number.isFinite(n)) out[k] = n;
    } else if (BOOL_KEYS.has(k)) out[k] = all[0] === 'true' || all[0] === '1';
    else out[k] = all[0];
  }
  return out;
}

function withQuery(path: string, p: URLSearchParams): string {
  const q = p.toString().replace(/\+/g, '%20');
  return q ? `${path}?${q}` : path;
}

/** The address-bar hash of a route (always starting `#/`). */
export function routeToHash(route: Route): string {
  switch (route.view) {
    case 'note':
      return withQuery(`#/note/${encodeURIComponent(route.id)}`, paramsOf({ anchor: route.anchor, line: route.line }));
    case 'graph':
      return withQuery('#/graph', paramsOf({ mode: route.mode, focus: route.focus, global: route.global }));
    case 'reading':
      return withQuery('#/reading', paramsOf({ ...route.query, offset: undefined, limit: undefined }));
    case 'todos':
      return withQuery('#/todos', paramsOf(route.query as Record<string, unknown>));
    case 'search':
      return withQuery('#/search', paramsOf({ q: route.query }));
    default:
      return `#/${route.view}`;
  }
}

/** The route a hash names, or null when it names none (an empty or foreign hash). Never throws. */
export function hashToRoute(hash: string): Route | null {
  const m = /^#?\/([a-z]+)(?:\/([^?]*))?(?:\?(.*))?$/s.exec(hash);
  if (!m) return null;
  const view = m[1] as Route['view'];
  if (!VIEWS.has(view) || (view !== 'note' && m[2] !== undefined)) return null;
  let rest: string;
  try {
    rest = m[2] ? decodeURIComponent(m[2]) : '';
  } catch {
    return null;
  }
  const q = objectOf(new URLSearchParams(m[3] ?? ''));
  switch (view) {
    case 'note': {
      if (!rest) return null;
      const route: Route = { view: 'note', id: rest };
      if (typeof q.anchor === 'string') route.anchor = q.anchor;
      if (typeof q.line === 'number') route.line = q.line;
      return route;
    }
    case 'graph': {
      const route: Route = { view: 'graph' };
      if (q.mode === 'notes' || q.mode === 'tags') route.mode = q.mode;
      if (typeof q.focus === 'string') route.focus = q.focus;
      if (q.global === true) route.global = true;
      return route;
    }
    case 'reading':
      return Object.keys(q).length ? { view: 'reading', query: q as ReadingQuery } : { view: 'reading' };
    case 'todos':
      return Object.keys(q).length ? { view: 'todos', query: q as TodoQuery } : { view: 'todos' };
    case 'search':
      return typeof q.q === 'string' ? { view: 'search', query: q.q } : { view: 'search' };
    default:
      return { view };
  }
}
