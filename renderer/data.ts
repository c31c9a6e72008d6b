// The renderer's one data layer (TanStack Query): every view reads the API through queries keyed by the
// call itself (`[method, argument]`), and one subscription to the vault's events invalidates them — a view
// never counts generations of its own, and a failed call is an error the view shows with a Retry.
//
//   'changed'  (a watch run committed notes)  → every vault query is invalidated: the shown ones refetch once
//   'indexed'  after a 'changed' (same run)    → only the status (its figures); the data is already fresh
//   'indexed'  of a run of its own (re-index)  → every vault query, and the status
//   'opened'   (another vault)                 → the status from the event; the vault's queries start over
//   'progress'                                 → the status's progress, in place
//
// Queries stay fresh until an event says otherwise (staleTime Infinity): nothing refetches on focus or on a
// timer. The engine answers over loopback or IPC, so a query is never paused for "no network" and a failure
// is not retried behind the user's back: it is shown, with a Retry.
import {
  QueryClient,
  QueryClientProvider,
  queryOptions,
  useQuery,
  useQueryClient,
  type Query,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { createElement, useEffect, type ReactNode } from 'react';
import type { ApiError, ApiMethod, RhizomeApi, RhizomeClient } from '../shared/api';
import type { NoteId, VaultEvent, VaultStatus } from '../shared/types';

export { useQueryClient, useMutation, useQueries, useQuery, queryOptions, keepPreviousData } from '@tanstack/react-query';

/** The argument of an API method (undefined for the methods that take none). */
export type ArgOf<M extends ApiMethod> = Parameters<RhizomeApi[M]>[0];
/** What an API method answers. */
export type ResultOf<M extends ApiMethod> = Awaited<ReturnType<RhizomeApi[M]>>;
/** A query's key: the call itself. */
export type ApiKey<M extends ApiMethod = ApiMethod> = readonly [M, ArgOf<M> | null];

/** Answers that do not come from the open vault's notes: kept when the notes change. */
const NOT_NOTES: ReadonlySet<string> = new Set<ApiMethod>(['status', 'getSettings', 'recentVaults', 'getPositions']);

/** Whether a query reads the open vault's notes (and so goes stale when they change). */
export function readsNotes(query: Pick<Query, 'queryKey'>): boolean {
  return !NOT_NOTES.has(String(query.queryKey[0]));
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/** The query for one API call: `useQuery(apiQuery(client, 'getNote', { id }))`, or `queryClient.fetchQuery(…)`. */
export function apiQuery<M extends ApiMethod>(client: RhizomeClient, method: M, ...arg: ArgOf<M> extends undefined ? [] : [ArgOf<M>]) {
  const a = (arg[0] ?? null) as ArgOf<M> | null;
  return queryOptions<ResultOf<M>, ApiError, ResultOf<M>, ApiKey<M>>({
    queryKey: [method, a] as const,
    queryFn: () => (client[method] as (x?: unknown) => Promise<ResultOf<M>>)(a ?? undefined),
  });
}

/** `useQuery` of one API call, with extra options (enabled, placeholderData, select…). */
export function useApi<M extends ApiMethod, T = ResultOf<M>>(
  client: RhizomeClient,
  method: M,
  arg: ArgOf<M> extends undefined ? null : ArgOf<M>,
  options: Omit<UseQueryOptions<ResultOf<M>, ApiError, T, ApiKey<M>>, 'queryKey' | 'queryFn'> = {},
): UseQueryResult<T, ApiError> {
  const base = (apiQuery as (c: RhizomeClient, m: M, ...a: unknown[]) => ReturnType<typeof apiQuery<M>>)(client, method, ...(arg === null ? [] : [arg]));
  return useQuery({ ...base, ...options } as UseQueryOptions<ResultOf<M>, ApiError, T, ApiKey<M>>);
}

/** Marks every query of the vault's notes stale (the shown ones refetch): after the user changed their state. */
export function invalidateNotes(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: readsNotes });
}

// ---- the change log: for a query that patches its last answer with the notes changed since ----

/** The notes changed since an answer, or null when it must be fetched whole (a full run, too many changes). */
export interface Changes {
  changed: NoteId[];
  removed: NoteId[];
}

const LOG_MAX = 64;

/** Numbered vault changes (one per 'changed' event); a full run or another vault clears it. */
export class ChangeLog {
  /** The number of the last change: an answer fetched now reflects every change up to it. */
  seq = 0;
  private fullAt = 0;
  private entries: { seq: number; changed: NoteId[]; removed: NoteId[] }[] = [];

  record(changed: NoteId[], removed: NoteId[]): void {
    this.entries.push({ seq: ++this.seq, changed, removed });
    if (this.entries.length > LOG_MAX) this.entries.shift();
  }

  full(): void {
    this.fullAt = ++this.seq;
    this.entries = [];
  }

  /** What changed after change number `seq` (null: everything may have). */
  since(seq: number): Changes | null {
    if (seq < this.fullAt || (this.entries.length && this.entries[0].seq > seq + 1)) return null;
    const changed = new Set<NoteId>();
    const removed = new Set<NoteId>();
    for (const e of this.entries) {
      if (e.seq <= seq) continue;
      for (const id of e.changed) (changed.add(id), removed.delete(id));
      for (const id of e.removed) (removed.add(id), changed.delete(id));
    }
    return { changed: [...changed], removed: [...removed] };
  }
}

const logs = new WeakMap<QueryClient, ChangeLog>();

/** The change log of a query client (filled by connectVault). */
export function changeLog(queryClient: QueryClient): ChangeLog {
  let log = logs.get(queryClient);
  if (!log) logs.set(queryClient, (log = new ChangeLog()));
  return log;
}

// ---- the vault's events → the queries ----

const STATUS_KEY = ['status', null] as const satisfies ApiKey<'status'>;

/** Subscribes the query client to the vault's events (see the top of this file). Returns the unsubscribe. */
export function connectVault(queryClient: QueryClient, client: RhizomeClient): () => void {
  const log = changeLog(queryClient);
  // a watch run sends 'changed' (committed) and then 'indexed' (counted): the second one refreshes the figures only
  let counted = false;
  const refreshStatus = () => queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  return client.onEvent((event: VaultEvent) => {
    switch (event.type) {
      case 'changed':
        log.record(event.changed, event.removed);
        counted = true;
        void invalidateNotes(queryClient);
        break;
      case 'indexed':
        void refreshStatus();
        if (counted) counted = false;
        else {
          log.full();
          void invalidateNotes(queryClient);
        }
        break;
      case 'opened':
        log.full();
        counted = false;
        queryClient.setQueryData(STATUS_KEY, event.status);
        void queryClient.resetQueries({ predicate: (q) => readsNotes(q) || q.queryKey[0] === 'getPositions' });
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'getSettings' || q.queryKey[0] === 'recentVaults' });
        break;
      case 'progress':
        counted = false; // (a run of its own: its 'indexed' refreshes everything)
        queryClient.setQueryData<VaultStatus>(STATUS_KEY, (s) =>
          s ? { ...s, indexing: event.done < event.total, progress: { done: event.done, total: event.total } } : s,
        );
        break;
      case 'error':
        counted = false;
        break;
      default:
        break;
    }
  });
}

/** Provides the query client to the views and keeps it subscribed to the vault's events. */
export function DataProvider({ client, queryClient, children }: { client: RhizomeClient; queryClient: QueryClient; children: ReactNode }) {
  useEffect(() => connectVault(queryClient, client), [queryClient, client]);
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

// ---- errors, shown in the view ----

/** The first failed query of a view and a retry of every failed one (null when none failed). */
export function failure(...results: { error: Error | null; refetch: () => Promise<unknown> }[]): { error: Error; retry: () => void } | null {
  const failed = results.filter((r) => r.error);
  if (!failed.length) return null;
  return {
    error: failed[0].error!,
    retry: () => {
      for (const r of failed) void r.refetch();
    },
  };
}

export type { QueryKey };
