// rhizome CLI: index a vault incrementally, then answer one question about it.
//   npm run --silent cli -- <command> <vault> [options] [--db FILE] [--json]
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../shared/api';
import { categoryPath } from '../shared/category';
import { LINK_KINDS, READING_STATUSES, TODO_GROUPS, type IndexStats, type TodoGroup } from '../shared/types';
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

class UsageError extends Error {}

interface Cli {
  command: string;
  vault: string;
  arg: string | null;
  flags: Map<string, string>;
  json: boolean;
  db: string | null;
}

const VALUE_FLAGS = new Set(['db', 'category', 'domain', 'kind', 'status', 'state', 'keyword', 'mode', 'priority', 'tag', 'due-before', 'scheduled']);
const BOOL_FLAGS = new Set(['overdue', 'heading-nodes']);
const ARG_COMMANDS: Record<string, string> = { note: 'NOTE', backlinks: 'NOTE', search: 'QUERY', follow: 'NOTE' };
const COMMANDS = ['index', 'notes', 'note', 'links', 'todos', 'graph', 'backlinks', 'search', 'problems', 'follow'];

function parseArgs(argv: string[]): Cli | null {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return null;
    if (a === '--json') json = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (BOOL_FLAGS.has(name) && inline === undefined) {
        flags.set(name, 'true');
        continue;
      }
      if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(a);
  }
  const [command, vault, arg] = positional;
  if (!command) return null;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}" (try --help)`);
  if (!vault) throw new UsageError(`${command}: missing <vault> folder`);
  if (ARG_COMMANDS[command] && !arg) throw new UsageError(`${command}: missing ${ARG_COMMANDS[command]}`);
  return { command, vault, arg: arg ?? null, flags, json, db: flags.get('db') ?? null };
}

function oneOf(cli: Cli, flag: string, allowed: readonly string[]): string | undefined {
  const v = cli.flags.get(flag);
  if (v !== undefined && !allowed.includes(v)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  return v;
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
      const category = cli.flags.get('category');
      const rows = await service.citations({
        category: category ? categoryPath(category) : undefined,
        categoryAt: 'anywhere',
        domain: cli.flags.get('domain'),
        kind: oneOf(cli, 'kind', LINK_KINDS) as never,
        status: oneOf(cli, 'status', READING_STATUSES) as never,
      });
      const json = rows.map((l) => ({ url: l.url, text: l.text, annotation: l.annotation, note: l.note, line: l.line, category: l.category, domain: l.domain, kind: l.kind, status: l.status }));
      return { json, text: table(json.map((r) => ({ ...r, category: r.category.join(' › ') })), ['status', 'kind', 'category', 'note', 'line', 'url']) };
    }
    case 'todos': {
      const groups = cli.flags.get('state')?.split(',').map((g) => g.trim()).filter(Boolean);
      for (const g of groups ?? []) if (!TODO_GROUPS.includes(g as TodoGroup)) throw new UsageError(`--state must be one of ${TODO_GROUPS.join('|')} (comma-separated)`);
      const date = (flag: string) => {
        const v = cli.flags.get(flag);
        if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${flag} must be a date (YYYY-MM-DD)`);
        return v;
      };
      const todos = await service.todos({
        group: groups as TodoGroup[] | undefined, keyword: cli.flags.get('keyword'), priority: cli.flags.get('priority'), tag: cli.flags.get('tag'),
        dueBefore: date('due-before'), scheduled: date('scheduled'), overdue: cli.flags.has('overdue') || undefined,
      });
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
      const g = await service.graph({
        mode: (oneOf(cli, 'mode', ['notes', 'tags']) ?? 'notes') as 'notes' | 'tags', placeholders: true, ...(cli.flags.has('heading-nodes') ? { headingNodes: true } : {}),
      });
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
    cli = parseArgs(argv);
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
