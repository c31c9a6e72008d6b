// The one API contract between the renderer and a host (Electron IPC or loopback HTTP).
// Every method takes at most one JSON argument object and returns a Promise of JSON. The arguments' types are
// those of their schemas (shared/schema.ts, API_ARGS): what a client may send, checked by the service.
import type { ApiArgIn, ApiArgMethod } from './schema';
import type {
  Backlink,
  ExternalLink,
  FollowTarget,
  GraphSlice,
  NoteDetail,
  NoteId,
  NoteSummary,
  Positions,
  Problem,
  ReadingFacets,
  ReadingPage,
  RecentVault,
  SavedView,
  SearchHit,
  Settings,
  TagInfo,
  Todo,
  TodoFacets,
  VaultEvent,
  VaultStatus,
} from './types';

export interface RhizomeApi {
  // vault
  openVault(args: ApiArgIn<'openVault'>): Promise<VaultStatus>;
  status(): Promise<VaultStatus>;
  reindex(): Promise<VaultStatus>;
  recentVaults(): Promise<RecentVault[]>;
  // notes
  listNotes(): Promise<NoteSummary[]>;
  getNote(args: ApiArgIn<'getNote'>): Promise<NoteDetail>;
  /**
   * The note a name names, as links find notes: its id, a vault-relative path, a file name, a title or an alias.
   * `not-found` when none does, `bad-argument` naming the candidates when several do.
   */
  findNote(args: ApiArgIn<'findNote'>): Promise<NoteId>;
  /** The places linking to the note a name names (findNote) or, in a Logseq graph, to a page without a file. */
  backlinks(args: ApiArgIn<'backlinks'>): Promise<Backlink[]>;
  listTags(): Promise<TagInfo[]>;
  notesWithTag(args: ApiArgIn<'notesWithTag'>): Promise<NoteSummary[]>;
  // graph
  graph(args: ApiArgIn<'graph'>): Promise<GraphSlice>;
  listViews(): Promise<SavedView[]>;
  saveView(args: ApiArgIn<'saveView'>): Promise<SavedView[]>;
  deleteView(args: ApiArgIn<'deleteView'>): Promise<SavedView[]>;
  getPositions(args: ApiArgIn<'getPositions'>): Promise<Positions | null>;
  savePositions(args: ApiArgIn<'savePositions'>): Promise<void>;
  // reading list
  reading(args: ApiArgIn<'reading'>): Promise<ReadingPage>;
  readingFacets(args: ApiArgIn<'readingFacets'>): Promise<ReadingFacets>;
  /** Every citation of an external link (one per occurrence, in the reading list's order) passing the filters; its status is
   *  the user's mark when set, else the note's. */
  citations(args: ApiArgIn<'citations'>): Promise<ExternalLink[]>;
  /** status null clears the user's mark. `key` is ReadingItem.key (normalized URL). */
  setReadingMark(args: ApiArgIn<'setReadingMark'>): Promise<void>;
  // todos
  todos(args: ApiArgIn<'todos'>): Promise<Todo[]>;
  todoFacets(args: ApiArgIn<'todoFacets'>): Promise<TodoFacets>;
  // search & problems
  search(args: ApiArgIn<'search'>): Promise<SearchHit[]>;
  problems(): Promise<Problem[]>;
  /**
   * Follow mode: show this note in every window of this Rhizome (the note view, or the local graph centred
   * on it when the graph is shown), as an editor hook asks. `note`: its id, a path inside the vault (absolute
   * or vault-relative), a file name or a title; `vault`, when given, is opened first if it is not the open one.
   */
  follow(args: ApiArgIn<'follow'>): Promise<FollowTarget>;
  // settings
  getSettings(): Promise<Settings>;
  setSettings(args: ApiArgIn<'setSettings'>): Promise<Settings>;
  // desktop-only actions (browser mode answers with an ApiError 'unsupported')
  openExternal(args: ApiArgIn<'openExternal'>): Promise<void>;
  revealNote(args: ApiArgIn<'revealNote'>): Promise<void>;
  openInEditor(args: ApiArgIn<'openInEditor'>): Promise<void>;
}

export type ApiMethod = keyof RhizomeApi;

/** The channel list: every method name, in one place (IPC channel `rhizome:<name>`, HTTP `POST /api/<name>`). */
export const API_METHODS = [
  'openVault',
  'status',
  'reindex',
  'recentVaults',
  'listNotes',
  'getNote',
  'findNote',
  'backlinks',
  'listTags',
  'notesWithTag',
  'graph',
  'listViews',
  'saveView',
  'deleteView',
  'getPositions',
  'savePositions',
  'reading',
  'readingFacets',
  'citations',
  'setReadingMark',
  'todos',
  'todoFacets',
  'search',
  'problems',
  'follow',
  'getSettings',
  'setSettings',
  'openExternal',
  'revealNote',
  'openInEditor',
] as const satisfies readonly ApiMethod[];

// Compile-time check that API_METHODS lists every method of RhizomeApi.
type _Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const _allListed: _Missing extends never ? true : _Missing = true;
void _allListed;
// … and that every method has its argument's schema (API_ARGS), and no other.
type _Unchecked = Exclude<ApiMethod, ApiArgMethod> | Exclude<ApiArgMethod, ApiMethod>;
const _allChecked: _Unchecked extends never ? true : _Unchecked = true;
void _allChecked;

export const IPC_PREFIX = 'rhizome:';
export const IPC_EVENT_CHANNEL = 'rhizome:event';

export type ApiErrorCode =
  | 'bad-argument'
  | 'not-found'
  | 'no-vault'
  | 'unsupported'
  | 'busy'
  | 'internal'
  /** Browser mode: missing or wrong token (HTTP 401). */
  | 'unauthorized';

/** The typed error every host returns for a failed call. */
export class ApiError extends Error {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): { code: ApiErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** What the renderer sees: the API plus the change-event stream. */
export interface RhizomeClient extends RhizomeApi {
  onEvent(listener: (event: VaultEvent) => void): () => void;
  /** 'electron' or 'browser': lets views hide desktop-only actions. */
  readonly host: 'electron' | 'browser';
  /**
   * URL the renderer can put in <img src> for a vault-relative image file (Figure.path), e.g.
   * "static/ox-hugo/x.png". Electron: `rhizome-asset://vault/<path>`; browser mode: `/asset/<path>` (the session cookie signs it in).
   * Only image files inside the open vault are served.
   */
  assetUrl?(vaultPath: string): string;
}

/** The envelope every host answers with (HTTP body, IPC reply); renderer/api.ts unwraps it. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

/** What electron/preload.ts exposes as `window.rhizome`: one function per API method answering a Reply. */
export type PreloadApi = {
  [M in ApiMethod]: (arg?: Parameters<RhizomeApi[M]>[0]) => Promise<Reply<Awaited<ReturnType<RhizomeApi[M]>>>>;
} & {
  onEvent(listener: (event: VaultEvent) => void): () => void;
};
