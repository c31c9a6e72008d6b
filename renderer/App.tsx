// The shell: left rail, top bar (back/forward, vault name, progress, search box, theme), the active view,
// the quick switcher, and the "Open a folder" screen when no vault is open.
import { lazy, Suspense, useEffect, useEffectEvent, useRef, useState, type ComponentType } from 'react';
import type { RhizomeClient } from '../shared/api';
import type { MenuAction, Settings, VaultEvent } from '../shared/types';
import { DEFAULT_SETTINGS } from '../shared/types';
import { hashToRoute, type Route } from './nav';
import { useHistory } from './history';
import type { ViewProps } from './views/types';
import { apiQuery, failure, useApi, useMutation, useQueryClient } from './data';
import { ErrorBoundary } from './components/ErrorBoundary';
import { LoadError } from './components/LoadError';
import { Icon, type IconName } from './components/Icon';
import { OpenVault } from './components/OpenVault';
import { SettingsDialog } from './components/SettingsDialog';
import { ChangeSettingsContext, SettingsContext } from './settings';
import logoUrl from '../resources/icon.svg';

type ViewModule = { default: ComponentType<ViewProps> };
let graphModule: ViewModule | null = null;
let graphLoading: Promise<ViewModule> | null = null;
const graphView = () =>
  (graphLoading ??= import('./views/graph/GraphView').then((m) => {
    graphModule = m;
    return m;
  }));
// Start-up: when the page opens on the graph (the default), its code loads while the shell asks for the
// vault's status, not after; the shell waits for it rather than showing a fallback (React holds content
// back ≈ 300 ms after a Suspense fallback shows). Once loaded, lazy() gets it at once (a thenable that
// answers synchronously), so the first render does not suspend.
if ((hashToRoute(location.hash)?.view ?? 'graph') === 'graph') void graphView().catch(() => {});
const loadedGraph = (): Promise<ViewModule> => {
  const m = graphModule;
  if (!m) return graphView();
  // (lazy() calls then() at once and reads nothing else of it)
  return { then: (ok: (v: ViewModule) => unknown) => ok(m) } as unknown as Promise<ViewModule>;
};

const VIEWS: Record<Route['view'], ComponentType<ViewProps>> = {
  graph: lazy(loadedGraph),
  note: lazy(() => import('./views/note/NoteView')),
  reading: lazy(() => import('./views/reading/ReadingView')),
  todos: lazy(() => import('./views/todos/TodosView')),
  search: lazy(() => import('./views/search/SearchView')),
  problems: lazy(() => import('./views/problems/ProblemsView')),
};
const QuickSwitcher = lazy(() => import('./views/search/QuickSwitcher'));

const RAIL: { view: Route['view']; label: string; icon: IconName; shortcut?: string }[] = [
  { view: 'graph', label: 'Graph', icon: 'graph', shortcut: 'Ctrl+1' },
  { view: 'note', label: 'Note', icon: 'note' },
  { view: 'reading', label: 'Reading', icon: 'reading', shortcut: 'Ctrl+2' },
  { view: 'todos', label: 'TODOs', icon: 'todos', shortcut: 'Ctrl+3' },
  { view: 'search', label: 'Search', icon: 'search', shortcut: 'Ctrl+4' },
  { view: 'problems', label: 'Problems', icon: 'problems', shortcut: 'Ctrl+5' },
];
const KEY_VIEWS: Route['view'][] = ['graph', 'reading', 'todos', 'search', 'problems'];
const MENU_VIEWS: Partial<Record<MenuAction, Route['view']>> = {
  'view-graph': 'graph',
  'view-reading': 'reading',
  'view-todos': 'todos',
  'view-search': 'search',
  'view-problems': 'problems',
};
const THEMES: Settings['theme'][] = ['system', 'light', 'dark'];
const THEME_ICON: Record<Settings['theme'], IconName> = { system: 'monitor', light: 'sun', dark: 'moon' };

/** Applies the theme to <html data-theme> ('light' | 'dark'), following the OS when the setting is 'system'. */
function useTheme(theme: Settings['theme']) {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const resolved = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
      if (document.documentElement.dataset.theme !== resolved) {
        document.documentElement.dataset.theme = resolved;
        window.dispatchEvent(new CustomEvent('rhizome-theme', { detail: resolved }));
      }
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

export function App({ client }: { client: RhizomeClient }) {
  const queryClient = useQueryClient();
  const statusQuery = useApi(client, 'status', null);
  const settingsQuery = useApi(client, 'getSettings', null);
  const status = statusQuery.data ?? null;
  // A change shows in the same render as the click (a controlled radio or checkbox would otherwise snap back
  // until the query's next notification, a tick later), until the query holds a newer answer
  const [pendingSettings, setPendingSettings] = useState<{ base: Settings | undefined; changes: Partial<Settings> } | null>(null);
  const pending = pendingSettings && pendingSettings.base === settingsQuery.data ? pendingSettings.changes : null;
  const settings = pending ? { ...(settingsQuery.data ?? DEFAULT_SETTINGS), ...pending } : (settingsQuery.data ?? DEFAULT_SETTINGS);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const contentRef = useRef<HTMLElement>(null);
  const { route, navigate, replace, go, reset, canBack, canForward, lastNote } = useHistory({ view: 'graph' }, () => contentRef.current);
  useTheme(settings.theme);
  // (the start-up wait for the graph's code: see graphView above)
  const [graphSettled, setGraphSettled] = useState(() => graphLoading === null || graphModule !== null);
  useEffect(() => {
    if (!graphSettled) graphLoading?.then(() => setGraphSettled(true), () => setGraphSettled(true));
  }, [graphSettled]);

  // Native menu commands (Electron), read with the current route.
  const onMenu = useEffectEvent((action: MenuAction) => {
    const view = MENU_VIEWS[action];
    if (view) navigate({ view } as Route);
    else if (action === 'back') go(-1);
    else if (action === 'forward') go(1);
    else if (action === 'quick-switcher') setSwitcherOpen(true);
    else if (route.view === 'note') {
      const call = action === 'reveal-note' ? client.revealNote({ id: route.id }) : client.openInEditor({ id: route.id });
      call.catch((err: Error) => setBanner(err.message));
    }
  });

  // Follow mode (an editor hook): on the graph, the local graph centred on the note; elsewhere, the note.
  const onFollow = useEffectEvent((note: string, anchor: string | null) => {
    if (route.view === 'graph') navigate({ view: 'graph', focus: note });
    else navigate({ view: 'note', id: note, ...(anchor ? { anchor } : {}) });
  });

  // The status and the data follow the vault's events in the data layer (renderer/data.ts); the shell hears
  // what is not data: another vault (back to its graph), messages, menu commands, follow requests.
  useEffect(
    () =>
      client.onEvent((event: VaultEvent) => {
        switch (event.type) {
          case 'opened':
            reset({ view: 'graph' });
            break;
          case 'error':
          case 'notice':
            setBanner(event.message);
            break;
          case 'menu':
            onMenu(event.action);
            break;
          case 'follow':
            onFollow(event.note, event.anchor);
            break;
          default:
            break;
        }
      }),
    [client, reset],
  );

  useEffect(() => {
    // Keyboard shortcuts: in Electron the native menu's accelerators handle these keys.
    const onKey = (e: KeyboardEvent) => {
      if (client.host === 'electron') return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitcherOpen(true);
      } else if (e.altKey && !mod && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        go(e.key === 'ArrowLeft' ? -1 : 1);
      } else if (mod && !e.altKey && /^[1-5]$/.test(e.key)) {
        e.preventDefault();
        navigate({ view: KEY_VIEWS[Number(e.key) - 1] } as Route);
      }
    };
    const onMouse = (e: MouseEvent) => {
      if (e.button === 3 || e.button === 4) {
        e.preventDefault();
        go(e.button === 3 ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mouseup', onMouse);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mouseup', onMouse);
    };
  }, [client, go, navigate]);

  // A setting shows at once; the host's answer (or, when it fails, what the host holds) follows.
  const settingsKey = apiQuery(client, 'getSettings').queryKey;
  const saveSettings = useMutation({
    mutationFn: (changes: Partial<Settings>) => client.setSettings(changes),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
    onError: (err) => {
      setBanner(err.message);
      void queryClient.invalidateQueries({ queryKey: settingsKey });
    },
  });
  const changeSettings = (changes: Partial<Settings>) => {
    setPendingSettings({ base: settingsQuery.data, changes: { ...pending, ...changes } });
    queryClient.setQueryData(settingsKey, (s) => ({ ...(s ?? DEFAULT_SETTINGS), ...changes }));
    saveSettings.mutate(changes);
  };
  const reindex = useMutation({ mutationFn: () => client.reindex(), onError: (err) => setBanner(err.message) });
  const cycleTheme = () => changeSettings({ theme: THEMES[(THEMES.indexOf(settings.theme) + 1) % THEMES.length] });

  const railTarget = (view: Route['view']): Route | null => {
    if (view === 'note') return lastNote ?? null;
    return { view } as Route;
  };
  // The rail's Graph: the local graph around the last open note when that note has links (in or out), else
  // the global graph — never a lone node filling the screen.
  const openRail = (target: Route) => {
    if (target.view !== 'graph' || !lastNote) return navigate(target);
    const id = lastNote.id;
    queryClient.fetchQuery(apiQuery(client, 'getNote', { id })).then(
      (d) => navigate(d.outgoing.some((l) => l.target && l.target !== id) || d.backlinks.length > 0 ? { view: 'graph', focus: id } : target),
      () => navigate(target),
    );
  };

  const bootError = statusQuery.error;
  if (bootError && !status) {
    return (
      <div className="boot" role="alert">
        {bootError.code === 'unauthorized' ? (
          'Not signed in: open Rhizome with the address printed by `npm run serve` or `npm start` (it carries a one-time sign-in code).'
        ) : (
          <LoadError what="Rhizome's status" error={bootError} retry={() => void statusQuery.refetch()} />
        )}
      </div>
    );
  }
  if (!status || (!graphSettled && route.view === 'graph')) return <div className="boot muted">Starting Rhizome…</div>;
  const View = VIEWS[route.view];
  const stats = status.stats;
  const progress = status.indexing && status.progress.total > 0 ? status.progress.done / status.progress.total : null;

  return (
    <div className="shell">
      <nav className="rail" aria-label="Views">
        <div className="rail-logo" title="Rhizome">
          <img src={logoUrl} alt="" width={28} height={28} />
        </div>
        {RAIL.map((item) => {
          const target = railTarget(item.view);
          const badge = item.view === 'problems' && stats && stats.problems > 0 ? stats.problems : null;
          return (
            <button
              key={item.view}
              className={`rail-item${route.view === item.view ? ' active' : ''}`}
              data-testid={`nav-${item.view}`}
              aria-current={route.view === item.view ? 'page' : undefined}
              disabled={!status.root || !target}
              title={item.view === 'note' && !target ? 'Open a note from the graph or search first' : `${item.label}${item.shortcut ? ` (${item.shortcut})` : ''}`}
              onClick={() => target && openRail(target)}
            >
              <Icon name={item.icon} size={20} />
              <span className="rail-label">{item.label}</span>
              {badge !== null && (
                <span className={`badge${badge > 99 ? ' wide' : ''}`} data-testid="problems-badge">
                  {badge > 999 ? '999+' : badge}
                </span>
              )}
            </button>
          );
        })}
      </nav>
      <header className="topbar">
        <div className="nav-buttons">
          <button className="icon-button" onClick={() => go(-1)} disabled={!canBack} title="Back (Alt+←)" aria-label="Back">
            <Icon name="back" />
          </button>
          <button className="icon-button" onClick={() => go(1)} disabled={!canForward} title="Forward (Alt+→)" aria-label="Forward">
            <Icon name="forward" />
          </button>
        </div>
        <div className="vault-name" title={status.root ?? ''} data-testid="vault-name">
          {status.root ? status.name : 'No folder open'}
        </div>
        {stats && (
          <div className="vault-stats muted" data-testid="note-count">
            {stats.notes.toLocaleString('en-US')} {stats.notes === 1 ? 'note' : 'notes'}
          </div>
        )}
        <button className="search-box" onClick={() => setSwitcherOpen(true)} disabled={!status.root} data-testid="search-box">
          <Icon name="search" size={15} />
          <span>Go to note…</span>
          <kbd>{navigator.platform.startsWith('Mac') ? '⌘K' : 'Ctrl+K'}</kbd>
        </button>
        <button
          className="icon-button"
          onClick={() => reindex.mutate()}
          disabled={!status.root || status.indexing || reindex.isPending}
          title="Re-index the folder"
          aria-label="Re-index"
        >
          <Icon name="refresh" />
        </button>
        <button className="icon-button" onClick={cycleTheme} title={`Theme: ${settings.theme} (click to change)`} aria-label="Theme">
          <Icon name={THEME_ICON[settings.theme]} />
        </button>
        <button className="icon-button" onClick={() => setSettingsOpen(true)} title="Settings" aria-label="Settings">
          <Icon name="settings" />
        </button>
        {status.indexing && (
          <div
            className={`progress${progress === null ? ' indeterminate' : ''}`}
            role="progressbar"
            aria-label="Indexing"
            aria-valuemin={0}
            aria-valuemax={status.progress.total}
            aria-valuenow={status.progress.done}
            data-testid="index-progress"
          >
            <div style={{ width: progress === null ? undefined : `${Math.round(progress * 100)}%` }} />
          </div>
        )}
      </header>
      <main className="content" ref={contentRef}>
        {banner && (
          <div className="banner" role="alert">
            <span>{banner}</span>
            <button className="link-button" onClick={() => setBanner(null)}>
              Dismiss
            </button>
          </div>
        )}
        {status.root ? (
          <ErrorBoundary resetKey={route}>
            <Suspense fallback={<div className="view-loading muted">Loading…</div>}>
              <SettingsContext value={settings}>
                <ChangeSettingsContext value={changeSettings}>
                  <View client={client} route={route} navigate={navigate} replace={replace} />
                </ChangeSettingsContext>
              </SettingsContext>
            </Suspense>
          </ErrorBoundary>
        ) : (
          <OpenVault client={client} />
        )}
      </main>
      {settingsOpen && <SettingsDialog settings={settings} vaultOpen={!!status.root} onChange={changeSettings} onClose={() => setSettingsOpen(false)} failed={failure(settingsQuery)} />}
      {status.root && switcherOpen && (
        <Suspense fallback={null}>
          <QuickSwitcher client={client} navigate={navigate} open={switcherOpen} onClose={() => setSwitcherOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
