// The API's arguments as valibot schemas: one source for the TypeScript types (v.InferOutput, re-exported by
// shared/types.ts) and for the checks every host runs on what a client sends (parseApiArg, called by the
// service every host goes through: IPC, HTTP and the CLI). A bad argument answers an ApiError 'bad-argument'
// naming the method and the key: `graph: "depth" must be a whole number from 1 to 3`.
import * as v from 'valibot';

import { GRAPH_MODES, LINK_KINDS, READING_STATUSES, TODO_GROUPS, TODO_KINDS, TODO_STATES } from './vocabulary';
export * from './vocabulary';

// ---- the pieces, each with the message a client reads after `method: "key" ` ----

const oneOf = <const T extends readonly (string | number)[]>(list: T, message = `must be one of ${list.join(', ')}`) => v.picklist(list, message);
const text = () => v.string('must be a string');
/** A string that must hold more than blanks. */
const required = () => v.pipe(text(), v.check((s) => s.trim() !== '', 'must not be empty'));
/** An optional string: absent, null and '' all mean "not given". */
const optText = () => v.pipe(v.nullish(text()), v.transform((s) => s || undefined));
/** As optText, but "not given" is null (GraphQuery's focus, folder, text). */
const nullText = () => v.pipe(v.nullish(text()), v.transform((s) => s || null));
/** An optional value: absent and null both mean "not given" (undefined). */
const opt = <const S extends v.GenericSchema>(schema: S) => v.pipe(v.nullish(schema), v.transform((x) => x ?? undefined));
const flag = () => opt(v.boolean('must be true or false'));
const whole = (min: number, max: number) =>
  v.pipe(v.number(`must be a whole number from ${min} to ${max}`), v.integer(`must be a whole number from ${min} to ${max}`), v.minValue(min, `must be a whole number from ${min} to ${max}`), v.maxValue(max, `must be a whole number from ${min} to ${max}`));
const optWhole = (min: number, max: number) => opt(whole(min, max));
/** An optional pick from a list ('' and null: not given). */
const optOneOf = <const T extends readonly string[]>(list: T, message?: string) =>
  v.pipe(v.nullish(v.string(message ?? `must be one of ${list.join(', ')}`)), v.transform((s) => s || undefined), v.optional(oneOf(list, message)));
const strings = () => v.array(text(), 'must be a list of strings');
/** A pick from a list with a default for absent, null and ''. */
const oneOfOr = <const T extends readonly string[]>(list: T, fallback: T[number]) =>
  v.optional(v.pipe(v.union([v.literal(''), v.null(), v.picklist(list)], `must be one of ${list.join(', ')}`), v.transform((x): T[number] => x || fallback)), fallback);
/** An ISO day (`2024-05-01`; a longer ISO date is cut to its day). */
const optDay = () => v.pipe(optText(), v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date (YYYY-MM-DD)'), v.transform((s) => s.slice(0, 10)))));

// ---- ids that cross the API ----

/** A note's stable id: its path relative to the vault root, with forward slashes ("content/posts/x.md"). */
export const NoteIdSchema = v.pipe(required(), v.brand('NoteId'));
export type NoteId = v.InferOutput<typeof NoteIdSchema>;

// ---- the query and state objects ----

export const GraphQuerySchema = v.object({
  mode: oneOfOr(GRAPH_MODES, 'notes'),
  /** Local graph: the note (or tag id in tag mode) at the centre. */
  focus: v.optional(nullText()),
  depth: opt(oneOf([1, 2, 3] as const, 'must be a whole number from 1 to 3')),
  includeTags: opt(strings()),
  excludeTags: opt(strings()),
  /** Folder/path prefix filter (vault-relative). */
  folder: v.optional(nullText()),
  hasOpenTodos: flag(),
  hasReadingLinks: flag(),
  /** Show notes with no links at all (default true). */
  orphans: flag(),
  /** Show placeholder nodes for missing targets (default false). */
  placeholders: flag(),
  /** Show a Logseq graph's pages without a file (default true). */
  implicit: flag(),
  /** Org: each heading with an `:ID:` (an org-roam heading node) is a node of its own, a child of its file's
   *  note; links to it, and links written inside its subtree, attach to it (default false: they are the file's). */
  headingNodes: flag(),
  text: v.optional(nullText()),
});
export type GraphQuery = v.InferOutput<typeof GraphQuerySchema>;

export const GraphViewStateSchema = v.object({
  query: GraphQuerySchema,
  colorBy: oneOfOr(['none', 'tag', 'folder'] as const, 'none'),
  /** Explicit colour groups (tag or folder values); empty = automatic. */
  groups: v.optional(v.pipe(v.nullable(strings()), v.transform((g) => g ?? [])), () => []),
});
export type GraphViewState = v.InferOutput<typeof GraphViewStateSchema>;

const finite = v.pipe(v.number('must be a number'), v.finite('must be a finite number'));
export const PositionsSchema = v.record(v.string(), v.object({ x: finite, y: finite }, 'must be {x, y} numbers'), 'must be an object of {x, y} positions');
export type Positions = v.InferOutput<typeof PositionsSchema>;

/** A category path (`["Ref links", "Flakes"]`) from a list or from one string cut at `›` or `/`. */
export function categoryPath(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? value.split(/\s*[›/]\s*/) : value;
  return parts.map((p) => p.trim()).filter(Boolean);
}

export const ReadingQuerySchema = v.object({
  /** Category path: ["Ref links", "Flakes"] (or "Ref links › Flakes"), compared case-insensitively. */
  category: v.pipe(v.nullish(v.union([text(), strings()], 'must be a list of strings')), v.transform((c) => (c == null ? undefined : categoryPath(c)))),
  /** Where the category path must stand in an item's: `start` (a prefix, as the category tree selects; the
   *  default) or `anywhere` (a run of whole segments anywhere: `Flakes` finds `Ref links › Flakes`). */
  categoryAt: optOneOf(['start', 'anywhere'] as const),
  domain: optText(),
  kind: optOneOf(LINK_KINDS),
  status: optOneOf(READING_STATUSES),
  tag: optText(),
  note: optText(),
  text: optText(),
  offset: optWhole(0, Number.MAX_SAFE_INTEGER),
  limit: optWhole(1, 10000),
});
export type ReadingQuery = v.InferOutput<typeof ReadingQuerySchema>;

export const TodoQuerySchema = v.object({
  /** Finished or not. */
  state: optOneOf(TODO_STATES),
  /** State groups (any of them). */
  group: opt(v.array(oneOf(TODO_GROUPS, `must hold ${TODO_GROUPS.join(', ')}`), 'must be a list of strings')),
  keyword: optText(),
  priority: optText(),
  /** The task's own tag or its note's tag. */
  tag: optText(),
  note: optText(),
  text: optText(),
  kind: optOneOf(TODO_KINDS),
  /** Agenda day within [from, to] (ISO days, inclusive; either may be left out). */
  from: optDay(),
  to: optDay(),
  /** Deadline before this day (exclusive; Obsidian Tasks' `due before`). */
  dueBefore: optDay(),
  /** Unfinished, with the agenda day before today. */
  overdue: flag(),
  /** Scheduled on this day. */
  scheduled: optDay(),
  /** The asker's today (ISO day, in their time zone); else the index's local day. */
  today: optDay(),
  /** Leave out bodies and links (a long list: the view fetches a task's body when it is opened). */
  lean: flag(),
});
export type TodoQuery = v.InferOutput<typeof TodoQuerySchema>;

// ---- settings ----

/** Each setting's schema: setSettings takes any of them (unknown keys are dropped); a stored value that fails
 *  its schema (written by an older version) falls back to the default (storedSettings). */
export const SettingsSchema = v.object({
  theme: oneOf(['system', 'light', 'dark'] as const),
  graphDepth: oneOf([1, 2, 3] as const, 'must be a whole number from 1 to 3'),
  /** Node count above which the graph uses cytoscape's WebGL renderer. */
  webglThreshold: whole(0, 10_000_000),
  /** Images on the web in notes: shown, or blocked (nothing is fetched; a placeholder names the host). */
  remoteImages: oneOf(['show', 'block'] as const),
  /** Graph: org heading nodes drawn as nodes of their own (GraphQuery.headingNodes). */
  graphHeadingNodes: v.boolean('must be true or false'),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
type SettingKey = keyof Settings;
const SETTING_KEYS = Object.keys(SettingsSchema.entries) as SettingKey[];

/** setSettings' argument: any known settings; other keys are dropped. */
const SettingsChangeSchema = v.partial(SettingsSchema);

/** Settings as stored (app.json, a vault's DB): the known keys with valid values; anything else is dropped. */
export function storedSettings(raw: unknown): Partial<Settings> {
  const out: Record<string, unknown> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const key of SETTING_KEYS) {
    const parsed = v.safeParse(SettingsSchema.entries[key], (raw as Record<string, unknown>)[key]);
    if (parsed.success) out[key] = parsed.output;
  }
  return out as Partial<Settings>;
}

// ---- every method's argument ----

const none = v.nullish(v.object({}), undefined);
const byId = v.object({ id: NoteIdSchema });

export const API_ARGS = {
  openVault: v.object({ path: required() }),
  status: none,
  reindex: none,
  recentVaults: none,
  listNotes: none,
  getNote: byId,
  /** `name`: a note id, a vault-relative path, a file name, a title or an alias. */
  findNote: v.object({ name: required() }),
  backlinks: v.object({ name: required() }),
  listTags: none,
  notesWithTag: v.object({ tag: required() }),
  graph: v.nullish(GraphQuerySchema, {}),
  listViews: none,
  saveView: v.object({ name: v.pipe(required(), v.trim()), state: GraphViewStateSchema }),
  deleteView: v.object({ name: required() }),
  getPositions: v.object({ key: required() }),
  savePositions: v.object({ key: required(), positions: PositionsSchema }),
  reading: v.nullish(ReadingQuerySchema, {}),
  readingFacets: v.nullish(ReadingQuerySchema, {}),
  citations: v.nullish(ReadingQuerySchema, {}),
  /** status null clears the user's mark. `key` is ReadingItem.key (normalized URL). */
  setReadingMark: v.object({ key: required(), status: v.pipe(v.nullable(oneOf(READING_STATUSES)), v.description('null clears the mark')) }),
  todos: v.nullish(TodoQuerySchema, {}),
  todoFacets: v.nullish(TodoQuerySchema, {}),
  search: v.object({ query: v.union([v.literal(''), required()], 'must be a string'), limit: v.nullish(whole(1, 1000), 50) }),
  problems: none,
  /** `note`: its id, a path inside the vault (absolute or vault-relative), a file name or a title; `vault`, when
   *  given, is opened first if it is not the open one. */
  follow: v.object({ note: required(), vault: optText(), anchor: nullText() }),
  getSettings: none,
  setSettings: v.nullish(SettingsChangeSchema, {}),
  openExternal: v.object({ url: required() }),
  revealNote: byId,
  openInEditor: byId,
} as const;

export type ApiArgMethod = keyof typeof API_ARGS;
/** What a client may send to a method (the schema's input), and what the method is handed once it is checked. */
export type ApiArgIn<M extends ApiArgMethod> = v.InferInput<(typeof API_ARGS)[M]>;
export type ApiArg<M extends ApiArgMethod> = v.InferOutput<(typeof API_ARGS)[M]>;

/** What is wrong with an argument: the key (a dot path: `group.1`; null for the argument itself) and what about
 *  it (`must be a whole number from 1 to 3`, `is required`). */
export interface ArgProblem {
  key: string | null;
  problem: string;
}

export function describeIssues(schema: v.GenericSchema, issues: readonly v.BaseIssue<unknown>[]): ArgProblem {
  const issue = deepest(issues[0]);
  const key = v.getDotPath(issue);
  // a missing key: the object's issue carries the key as `expected` ("\"id\"") and no input
  if (issue.type === 'object' && key && issue.input === undefined) {
    const entries = objectEntries(schema);
    const hint = entries && !key.includes('.') ? v.getDescription(entries[key] as v.GenericSchema) : undefined;
    return { key, problem: `is required${hint ? ` (${hint})` : ''}` };
  }
  if (!key) return { key: null, problem: 'must be an object' };
  return { key, problem: issue.message };
}

/** A union's issue holds its options' issues: the one that went deepest says most. */
function deepest(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  if (issue.type !== 'union' || !issue.issues?.length) return issue;
  let best = issue;
  for (const sub of issue.issues) if ((sub.path?.length ?? 0) > (best.path?.length ?? 0)) best = deepest(sub);
  return best;
}

function objectEntries(schema: v.GenericSchema): Record<string, unknown> | undefined {
  let s: unknown = schema;
  while (s && typeof s === 'object') {
    if ('entries' in s) return s.entries as Record<string, unknown>;
    s = 'wrapped' in s ? s.wrapped : 'pipe' in s && Array.isArray(s.pipe) ? s.pipe[0] : undefined;
  }
  return undefined;
}

/** A method's argument checked against its schema: the parsed value, or what is wrong, also as one line
 *  (`graph: "depth" must be a whole number from 1 to 3`). */
export function checkApiArg<M extends ApiArgMethod>(method: M, arg: unknown): { ok: true; value: ApiArg<M> } | ({ ok: false; message: string } & ArgProblem) {
  const schema = API_ARGS[method] as v.GenericSchema;
  const result = v.safeParse(schema, arg);
  if (result.success) return { ok: true, value: result.output as ApiArg<M> };
  const { key, problem } = describeIssues(schema, result.issues);
  return { ok: false, key, problem, message: key === null ? `${method}: the argument ${problem}` : `${method}: "${key}" ${problem}` };
}
