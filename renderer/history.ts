// The app's back/forward history, kept in step with the window's own history: each route is an entry with
// its own address (`#/note/…`, nav.ts), so the browser's back/forward buttons, the app's arrows, Alt+←/→
// and the mouse's side buttons walk the same list; a reload or a bookmark opens the same place. The list
// and each entry's scroll positions are kept in sessionStorage (per tab), so a reload keeps them too.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { hashToRoute, routeToHash, type Route } from './nav';
import { captureScroll, restoreScroll, type ScrollMemory } from './scroll-memory';

interface HistoryState {
  /** Names this list: a window history entry stamped with another gen belongs to an older list. */
  gen: string;
  stack: Route[];
  scrolls: (ScrollMemory | null)[];
  index: number;
  /** The last note shown (the rail's Note item returns to it), even when it left the list. */
  lastNote?: NoteRoute | null;
}

type NoteRoute = Extract<Route, { view: 'note' }>;

/** What the window's history entries carry. */
interface EntryStamp {
  rz: string;
  i: number;
}

const STORE_KEY = 'rhizome-history';
const MAX = 200;

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function newGen(): string {
  return Math.random().toString(36).slice(2, 10);
}

function load(): HistoryState | null {
  try {
    const raw = sessionStorage.getItem(STORE_KEY);
    const s = raw ? (JSON.parse(raw) as HistoryState) : null;
    return s && Array.isArray(s.stack) && typeof s.gen === 'string' ? s : null;
  } catch {
    return null;
  }
}

function stampOf(state: unknown): EntryStamp | null {
  const s = state as EntryStamp | null;
  return s && typeof s.rz === 'string' && typeof s.i === 'number' ? s : null;
}

/** The history at start-up: the tab's saved list when the window's entry belongs to it, else a new one at the address's route. */
function initial(fallback: Route): HistoryState {
  const fromHash = hashToRoute(location.hash);
  const saved = load();
  const stamp = stampOf(history.state);
  if (saved && stamp && stamp.rz === saved.gen && stamp.i < saved.stack.length) {
    const s = { ...saved, index: stamp.i };
    if (fromHash && !sameRoute(fromHash, s.stack[s.index])) {
      s.stack = s.stack.slice();
      s.stack[s.index] = fromHash;
    }
    return s;
  }
  return { gen: newGen(), stack: [fromHash ?? fallback], scrolls: [null], index: 0 };
}

/**
 * Back/forward history of routes. `scrollRoot` is the element the views draw in: its scroll positions are
 * saved when an entry is left and put back when it is returned to.
 */
export function useHistory(fallback: Route, scrollRoot: () => Element | null) {
  const [state, setState] = useState<HistoryState>(() => initial(fallback));
  // (the state as last committed, for the callbacks: read when they run, never during a render)
  const ref = useRef(state);
  const restoring = useRef<(() => void) | null>(null);
  const rootRef = useRef(scrollRoot);
  useLayoutEffect(() => {
    rootRef.current = scrollRoot;
  });

  const commit = useCallback((state: HistoryState, how: 'push' | 'replace' | 'none') => {
    const shown = state.stack[state.index];
    const next = shown.view === 'note' ? { ...state, lastNote: shown } : state;
    ref.current = next;
    const stamp: EntryStamp = { rz: next.gen, i: next.index };
    const hash = routeToHash(next.stack[next.index]);
    try {
      if (how === 'push') history.pushState(stamp, '', hash);
      else if (how === 'replace') history.replaceState(stamp, '', hash);
      sessionStorage.setItem(STORE_KEY, JSON.stringify(next));
    } catch {
      // a sandboxed page without history or storage still navigates in memory
    }
    setState(next);
  }, []);

  /** The current entry's scroll positions, saved before it is left. */
  const remember = useCallback((s: HistoryState): HistoryState => {
    const memo = captureScroll(rootRef.current());
    const scrolls = s.scrolls.slice();
    scrolls[s.index] = memo;
    return { ...s, scrolls };
  }, []);

  const restore = useCallback((memo: ScrollMemory | null | undefined) => {
    restoring.current?.();
    restoring.current = memo ? restoreScroll(() => rootRef.current(), memo) : null;
  }, []);

  // Stamp the entry the page opened on (a deep link, a reload), and put back its scroll positions.
  useEffect(() => {
    let s = ref.current;
    // An address given between the first render and now (before the popstate handler below listens): a new
    // entry for its route, as the handler would make, rather than overwritten by the route the page opened on.
    const now = hashToRoute(location.hash);
    if (now && !sameRoute(now, s.stack[s.index])) {
      const stack = [...s.stack.slice(0, s.index + 1), now];
      s = { ...s, stack, scrolls: [...s.scrolls.slice(0, s.index + 1), null], index: stack.length - 1 };
    }
    commit(s, 'replace');
    restore(s.scrolls[s.index]);
    const save = () => {
      try {
        sessionStorage.setItem(STORE_KEY, JSON.stringify(remember(ref.current)));
      } catch {
        // nothing to keep it in
      }
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [commit, remember, restore]);

  const navigate = useCallback(
    (route: Route) => {
      const s = ref.current;
      if (sameRoute(s.stack[s.index], route)) return;
      restoring.current?.();
      const r = remember(s);
      const stack = [...r.stack.slice(0, r.index + 1), route];
      const scrolls = [...r.scrolls.slice(0, r.index + 1), null];
      const cut = Math.max(0, stack.length - MAX);
      commit({ ...s, stack: stack.slice(cut), scrolls: scrolls.slice(cut), index: stack.length - 1 - cut }, 'push');
    },
    [commit, remember],
  );

  // A view rewrites its own address (a query typed, a filter set), often from a timer or an answer that
  // lands later. Once the history has moved on — the user went to another view (a click on a search match),
  // or Back or an address typed changed the entry before the views drew it — the rewrite is stale and must
  // not overwrite the entry they went to: it applies only to the entry on screen, and only from its view.
  const shown = useRef<Route>(state.stack[state.index]);
  useLayoutEffect(() => {
    shown.current = state.stack[state.index];
  }, [state]);
  const replace = useCallback(
    (route: Route) => {
      const s = ref.current;
      const current = s.stack[s.index];
      if (current.view !== route.view || !sameRoute(current, shown.current) || sameRoute(current, route)) return;
      const stack = s.stack.slice();
      stack[s.index] = route;
      commit({ ...s, stack }, 'replace');
      // (the view on screen shows this already: its next rewrite, before the redraw, is not stale)
      shown.current = route;
    },
    [commit],
  );

  /** Moves through the window's history; the popstate handler below follows it. */
  const go = useCallback((delta: number) => {
    const s = ref.current;
    const index = Math.min(Math.max(s.index + delta, 0), s.stack.length - 1);
    if (index !== s.index) history.go(index - s.index);
  }, []);

  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const s = ref.current;
      const stamp = stampOf(e.state);
      const r = remember(s);
      if (stamp && stamp.rz === s.gen && stamp.i < s.stack.length) {
        commit({ ...r, index: stamp.i }, 'none');
        restore(r.scrolls[stamp.i]);
        return;
      }
      // An address typed or pasted in, or an entry of an older list: a new entry for the route it names.
      const route = hashToRoute(location.hash);
      if (!route) return;
      const stack = [...r.stack.slice(0, r.index + 1), route];
      commit({ ...r, stack, scrolls: [...r.scrolls.slice(0, r.index + 1), null], index: stack.length - 1 }, 'replace');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [commit, remember, restore]);

  /** A new vault: its history starts afresh. */
  const reset = useCallback((route: Route) => commit({ gen: newGen(), stack: [route], scrolls: [null], index: 0, lastNote: null }, 'replace'), [commit]);

  const { stack, index } = state;
  const lastNote = state.lastNote ?? null;
  return { route: stack[index], navigate, replace, go, reset, canBack: index > 0, canForward: index < stack.length - 1, lastNote };
}
