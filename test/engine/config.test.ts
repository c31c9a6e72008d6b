// rhizome.toml through its schema (shared/config-schema.ts): every bad or unknown key is a `config` problem
// naming the key as written in the file, and only that key falls back to its default.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, loadVaultConfig } from '../../electron/engine/config';

function configOf(toml: string) {
  const root = mkdtempSync(join(tmpdir(), 'rhizome-config-'));
  writeFileSync(join(root, 'rhizome.toml'), toml);
  return loadVaultConfig(root);
}

describe('rhizome.toml', () => {
  it('names the key of each bad value, and keeps the good ones', () => {
    const config = configOf([
      'ignore = ["drafts/**", 3]',
      'maxFileSize = -1',
      'source = "both"',
      'ignroe = ["x"]',
      '[todo]',
      'open = ["LATER"]',
      'done = "DONE"',
      'someday = ["MAYBE"]',
      '[[kinds]]',
      'host = 7',
      'kind = "repo"',
      '[[kinds]]',
      'host = "Git.Example.org"',
      'kind = "repo"',
      '[[kinds]]',
      'kind = "podcast"',
    ].join('\n'));
    expect(config.problems.map((p) => [p.kind, p.file, p.message])).toEqual([
      ['config', 'rhizome.toml', '`ignore` must be a list of strings'],
      ['config', 'rhizome.toml', '`maxFileSize` must be a positive number of bytes'],
      ['config', 'rhizome.toml', '`source` must be "org" or "export"'],
      ['config', 'rhizome.toml', 'unknown key `ignroe` (known: ignore, maxFileSize, source, todo, kinds)'],
      ['config', 'rhizome.toml', '`todo.done` must be a list of strings'],
      ['config', 'rhizome.toml', 'unknown key `todo.someday` (known: todo.open, todo.active, todo.waiting, todo.done, todo.cancelled)'],
      ['config', 'rhizome.toml', '`kinds.host` must be a string'],
      ['config', 'rhizome.toml', '`kinds.kind` must be one of repo, issue, discussion, video, paper, docs, article'],
    ]);
    // the bad keys keep their defaults, the good ones hold
    expect(config.ignore).toEqual([]);
    expect(config.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
    expect(config.source).toBeNull();
    expect(config.parse.todoGroups?.open).toEqual(['LATER']);
    expect(config.parse.todoGroups?.done).toContain('DONE');
    expect(config.parse.kindRules).toEqual([{ kind: 'repo' }, { host: 'git.example.org', kind: 'repo' }]);
  });

  it('reads TOML integers as sizes, and a key that is not a table where one belongs as a problem', () => {
    expect(configOf('maxFileSize = 1_000')).toMatchObject({ maxFileSize: 1000, problems: [] });
    expect(configOf('todo = 3').problems.map((p) => p.message)).toEqual(['`todo` must be a table ([todo])']);
    expect(configOf('kinds = [1]').problems.map((p) => p.message)).toEqual(['`kinds` must be a table']);
  });
});
