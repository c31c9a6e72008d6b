// rhizome CLI: index a vault incrementally, then answer one question about it.
//   npm run --silent cli -- <command> <vault> [options] [--db FILE] [--json]
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { ApiError } from '../shared/api';
import { parseOptions, UsageError } from './args';
import { checkApiArg, type ApiArg, type ApiArgMethod } from '../shared/schema';
import { LINK_KINDS, READING_STATUSES, TODO_GROUPS, type IndexStats } from '../shared/types';
import { defaultDataDir } from './engine/paths';
import { findInstances } from './hosts/instance';
import type { FollowTarget } from '../shared/types';
import { createService, type RhizomeService } from './engine/service';

const HELP = `Usage: rhizome <command> <vault> [options] [--db FILE] [--json]

Indexes the vault (only changed files), then prints the answer.

Commands:
  index                       index figures
  notes                       every note: id, title, tags, aliases
  links [--category C] [--domain HOST] [--kind K] [--status S]
                              external links, one row per occurrence
                              (C: whole segments anywhere in the path: "Flakes",
                              "Ref links › Flakes" or "Ref links/Flakes")
                              K: ${LINK_KINDS.join('|')}  S: ${READING_STATUSES.join('|')}
  todos [--state G] [--keyword K] [--priority P] [--tag T] [--due-before DATE] [--overdue] [--scheduled DATE]
                              tasks of every kind (headings, blocks, checkboxes); G: one or more of
                              ${TODO_GROUPS.join('|')} (comma-separated); DATE: YYYY-MM-DD;
                              --due-before: deadline before DATE; --overdue: unfinished, its deadline
                              (else scheduled date) before today; --scheduled: scheduled on DATE
  graph [--mode notes|tags] [--heading-nodes]
                              nodes and edges (--heading-nodes: org headings with
                              an :ID: as nodes of their own, kind "heading")
  note NOTE                   one note: title, tags, aliases, date, headings, links, TODOs,
                              citations (org cite keys) (NOTE: id, file name or title)
  backlinks NOTE              notes linking to NOTE (id, file name or title)
  search QUERY                full-text search
  problems                    broken links, missing figures, unreadable files…
  follow NOTE                 make the running Rhizomes (desktop, browser mode) show NOTE
                              (a file path, id, file name or title); for editor hooks

Options:
  --db FILE   index database (default: one per vault in ${defaultDataDir()})
  --json      machine-readable output
  --help      this text`;

interface Cli {
  command: string;
  vault: string;
  arg: string | null;
  flags: Map<string, string>;
  json: boolean;
  db: string | null;
  /** The command's query from its flags, checked before any index run. */
  query: { reading?: ApiArg<'reading'>; todos?: ApiArg<'todos'>; graph?: ApiArg<'graph'> };
}

/** Every option (node:util parseArgs); the help text above says what each does. */
const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  category: { type: 'string' },
  domain: { type: 'string' },
  kind: { type: 'string' },
  status: { type: 'string' },
  state: { type: 'string' },
  keyword: { type: 'string' },
  mode: { type: 'string' },
  priority: { type: 'string' },
  tag: { type: 'string' },
  'due-before': { type: 'string' },
  scheduled: { type: 'string' },
  overdue: { type: 'boolean' },
  'heading-nodes': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];
const ARG_COMMANDS: Record<string, string> = { note: 'NOTE', backlinks: 'NOTE', search: 'QUERY', follow: 'NOTE' };
const COMMANDS = ['index', 'notes', 'note', 'links', 'todos', 'graph', 'backlinks', 'search', 'problems', 'follow'];

function parseCli(argv: string[]): Cli | null {
  const { values, positionals } = parseOptions(argv, OPTIONS, '(try --help)');
  if (values.help) return null;
  const flags = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && name !== 'json' && name !== 'help') flags.set(name, String(value));
  const [command, vault, arg] = positionals;
  if (!command) return null;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}" (try --help)`);
  if (!vault) throw new UsageError(`${command}: missing <vault> folder`);
  if (ARG_COMMANDS[command] && !arg) throw new UsageError(`${command}: missing ${ARG_COMMANDS[command]}`);
  return { command, vault, arg: arg ?? null, flags, json: values.json ?? false, db: values.db ?? null, query: queryOf(command, flags) };
}

function queryOf(command: string, flags: Map<string, string>): Cli['query'] {
  switch (command) {
    case 'links':
      return {
        reading: flagArgs('reading', { category: flags.get('category'), categoryAt: 'anywhere', domain: flags.get('domain'), kind: flags.get('kind'), status: flags.get('status') }, {
          category: 'category', domain: 'domain', kind: 'kind', status: 'status',
        }),
      };
    case 'todos':
      return {
        todos: flagArgs('todos', {
          group: flags.get('state')?.split(',').map((g) => g.trim()).filter(Boolean), keyword: flags.get('keyword'), priority: flags.get('priority'),
          tag: flags.get('tag'), dueBefore: flags.get('due-before'), scheduled: flags.get('scheduled'), overdue: flags.has('overdue') || undefined,
        }, { group: 'state', keyword: 'keyword', priority: 'priority', tag: 'tag', dueBefore: 'due-before', scheduled: 'scheduled' }),
      };
    case 'graph':
      return { graph: flagArgs('graph', { mode: flags.get('mode'), placeholders: true, ...(flags.has('heading-nodes') ? { headingNodes: true } : {}) }, { mode: 'mode' }) };
    default:
      return {};
  }
}

/**
 * A method's argument built from flags, checked by its schema (shared/schema.ts): a bad value answers with the
 * schema's words about the flag that carried it (`--status must be one of unread, reading, read, none`).
 */
function flagArgs<M extends ApiArgMethod>(method: M, arg: Record<string, unknown>, flagOf: Record<string, string>): ApiArg<M> {
  const checked = checkApiArg(method, arg);
  if (checked.ok) return checked.value;
  const key = checked.key?.split('.')[0];
  throw new UsageError(key && flagOf[key] ? `--${flagOf[key]} ${checked.problem}` : checked.message);
}

/** Rows → aligned columns. */
function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (!rows.length) return '(none)';
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v)).replace(/\s+/g, ' ');
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const heads = columns.map((c) => c.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()); // sourceTitle → SOURCE TITLE
  const widths = heads.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((r) => r[i].length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : fit(v, widths[i]))).join('  ').trimEnd();
  return [line(heads), ...cells.map(line)].join('\n');
}

/** The answer to a command, through the service's API methods (as the hosts call them). */
async function answer(cli: Cli, service: RhizomeService, stats: IndexStats): Promise<{ json: unknown; text: string }> {
  switch (cli.command) {
    case 'index':
      return { json: stats, text: table(Object.entries(stats).map(([name, value]) => ({ name, value })), ['name', 'value']) };
    case 'notes': {
      const notes = await service.listNotes();
      return { json: notes, text: table(notes as never[], ['id', 'title', 'tags', 'aliases']) };
    }
    case 'links': {
      const rows = await service.citations(cli.query.reading!);
      const json = rows.map((l) => ({ url: l.url, text: l.text, annotation: l.annotation, note: l.note, line: l.line, category: l.category, domain: l.domain, kind: l.kind, status: l.status }));
      return { json, text: table(json.map((r) => ({ ...r, category: r.category.join(' › ') })), ['status', 'kind', 'category', 'note', 'line', 'url']) };
    }
    case 'todos': {
      const todos = await service.todos(cli.query.todos!);
      const json = todos.map((t) => ({
        note: t.note, line: t.line, anchor: t.anchor, kind: t.kind, keyword: t.keyword, state: t.state, group: t.group, priority: t.priority, title: t.title,
        tags: t.tags, links: t.links.length,
        ...(t.scheduled ? { scheduled: t.scheduled } : {}), ...(t.deadline ? { deadline: t.deadline } : {}), ...(t.closed ? { closed: t.closed } : {}),
        ...(t.start ? { start: t.start } : {}), ...(t.created ? { created: t.created } : {}), ...(t.timestamp ? { timestamp: t.timestamp } : {}),
        ...(t.repeat ? { repeat: t.repeat } : {}), ...(t.next ? { next: t.next } : {}),
      }));
      const rows = json.map((r) => ({ ...r, date: r.deadline ? `due ${r.deadline}` : r.scheduled ? `sched ${r.scheduled}` : r.closed ? `closed ${r.closed}` : '' }));
      return { json, text: table(rows, ['group', 'keyword', 'priority', 'date', 'title', 'note', 'line']) };
    }
    case 'graph': {
      const g = await service.graph(cli.query.graph!);
      const json = {
        nodes: g.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label })),
        edges: g.edges.map((e) => ({ source: e.source, target: e.target, kind: e.kind })),
      };
      return { json, text: `${json.nodes.length} nodes, ${json.edges.length} edges\n\n${table(json.edges, ['source', 'kind', 'target'])}` };
    }
    case 'note': {
      const note = await service.getNote({ id: await service.findNote({ name: cli.arg! }) });
      const json = {
        id: note.id, title: note.title, format: note.format, tags: note.tags, aliases: note.aliases, date: note.date, draft: note.draft,
        headings: note.headings.length, links: note.outgoing.length, brokenLinks: note.outgoing.filter((l) => l.resolution !== 'resolved' && l.resolution !== 'implicit').length,
        backlinks: note.backlinks.length, externalLinks: note.reading.length, todos: note.todos.length, figures: note.figures.length,
        citations: note.citations, problems: note.problems.length,
      };
      const rows = Object.entries(json).map(([name, value]) => ({
        name, value: name === 'citations' ? note.citations.map((c) => `${c.key} (line ${c.line})`) : value,
      }));
      return { json, text: table(rows, ['name', 'value']) };
    }
    case 'backlinks': {
      const backlinks = await service.backlinks({ name: cli.arg! });
      return { json: backlinks, text: table(backlinks as never[], ['sourceTitle', 'line', 'snippet']) };
    }
    case 'search': {
      const hits = await service.search({ query: cli.arg!, limit: 100 });
      const text = table(hits.map((h) => ({ ...h, lines: h.matchCount, snippet: h.snippet.text })), ['title', 'line', 'lines', 'snippet']);
      return { json: hits, text };
    }
    default: {
      const problems = await service.problems();
      return { json: problems, text: table(problems as never[], ['kind', 'file', 'line', 'message']) };
    }
  }
}

/**
 * `follow`: no index run here (an editor hook must be quick); every running Rhizome of this user, found by
 * the files they leave in the data folder, is asked to show the note.
 */
async function follow(cli: Cli): Promise<number> {
  const instances = findInstances(defaultDataDir(), (m) => process.stderr.write(`rhizome: ${m}\n`));
  if (!instances.length) {
    process.stderr.write('rhizome: no running Rhizome found (start one with `npm start` or `npm run serve`)\n');
    return 1;
  }
  // a path given relative to the caller's working folder (npm run moves to the package's: INIT_CWD is the caller's)
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const note = existsSync(resolve(cwd, cli.arg!)) ? resolve(cwd, cli.arg!) : cli.arg!;
  const root = resolve(cwd, cli.vault);
  const results = await Promise.all(
    instances.map(async (inst) => {
      try {
        const res = await fetch(`${inst.origin}/api/follow`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rhizome-token': inst.token },
          body: JSON.stringify({ vault: root, note }),
          signal: AbortSignal.timeout(10_000),
        });
        const reply = (await res.json()) as { ok: true; result: FollowTarget } | { ok: false; error: { message: string } };
        return reply.ok ? { origin: inst.origin, kind: inst.kind, ...reply.result } : { origin: inst.origin, kind: inst.kind, error: reply.error.message };
      } catch (err) {
        return { origin: inst.origin, kind: inst.kind, error: `not answering (${(err as Error).message})` };
      }
    }),
  );
  if (cli.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else
    for (const r of results) {
      if ('error' in r) process.stderr.write(`rhizome: ${r.kind} at ${r.origin}: ${r.error}\n`);
      else process.stdout.write(`${r.kind} at ${r.origin}: showing ${r.title} (${r.note})\n`);
    }
  return results.some((r) => !('error' in r)) ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  let cli: Cli | null;
  try {
    cli = parseCli(argv);
  } catch (err) {
    process.stderr.write(`rhizome: ${(err as Error).message}\n`);
    return 1;
  }
  if (!cli) {
    process.stdout.write(`${HELP}\n`);
    return argv.includes('--help') || argv.includes('-h') ? 0 : 1;
  }
  if (cli.command === 'follow') return follow(cli);
  const root = resolve(cli.vault);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    process.stderr.write(`rhizome: no vault folder at ${root}\n`);
    return 1;
  }
  const service = createService({ dataDir: defaultDataDir(), dbPath: cli.db ? resolve(cli.db) : undefined, watch: false });
  // what the user should know on the way: another process's run waited for, a repaired index, a failed run
  service.onEvent((e) => {
    if (e.type === 'notice' || e.type === 'error') process.stderr.write(`rhizome: ${e.message}\n`);
  });
  try {
    const status = await service.openVault({ path: root });
    // the run failed (a full disk): other commands answer from the index as it was; `index` fails
    if (!status.stats || (status.message && cli.command === 'index')) return 1;
    const out = await answer(cli, service, status.stats);
    process.stdout.write(cli.json ? `${JSON.stringify(out.json)}\n` : `${out.text}\n`);
    return 0;
  } catch (err) {
    const message = err instanceof UsageError || err instanceof ApiError ? err.message : `${(err as Error).message}`;
    process.stderr.write(`rhizome: ${message.split('\n')[0]}\n`);
    return 1;
  } finally {
    await service.close();
  }
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0); // the reader (head, less) closed the pipe
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
