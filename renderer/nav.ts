// In-app navigation: one Route type for every view; App.tsx keeps a back/forward history of them.
import type { GraphMode, NoteId, ReadingQuery, TodoQuery } from '../shared/types';

export type Route =
  | { view: 'graph'; mode?: GraphMode; focus?: string | null; global?: boolean }
  | { view: 'note'; id: NoteId; anchor?: string | null; line?: number | null }
  | { view: 'reading'; query?: ReadingQuery }
  | { view: 'todos'; query?: TodoQuery }
  | { view: 'search'; query?: string }
  | { view: 'problems' };

export type Navigate = (route: Route) => void;
