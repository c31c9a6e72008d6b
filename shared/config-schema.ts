// `rhizome.toml` as a valibot schema: the keys Rhizome reads, their types, and the message a bad value gets.
// Each key is checked on its own (readKeys), so a bad one is a `config` problem naming it and only that key
// falls back to its default (electron/engine/config.ts applies the values).
import * as v from 'valibot';
import { LINK_KINDS } from './vocabulary';

const strings = () => v.array(v.string('must be a list of strings'), 'must be a list of strings');
const positiveSize = 'must be a positive number of bytes';

/** One `[[kinds]]` rule: a link to `host` (a suffix) whose path matches `path` is of kind `kind`. */
export const KindRuleSchema = v.object({
  host: v.optional(v.pipe(v.string('must be a string'), v.toLowerCase())),
  path: v.optional(v.string('must be a string')),
  kind: v.picklist(LINK_KINDS, `must be one of ${LINK_KINDS.join(', ')}`),
});

/** `[todo]`: the TODO keywords of each state group. */
export const TodoConfigSchema = v.object({
  open: v.optional(strings()),
  active: v.optional(strings()),
  waiting: v.optional(strings()),
  done: v.optional(strings()),
  cancelled: v.optional(strings()),
});

export const VaultConfigSchema = v.object({
  ignore: v.optional(strings()),
  maxFileSize: v.optional(v.pipe(v.union([v.number(), v.bigint()], positiveSize), v.transform(Number), v.check((n) => n > 0, positiveSize))),
  source: v.optional(v.picklist(['org', 'export'] as const, 'must be "org" or "export"')),
  todo: v.optional(v.record(v.string(), v.unknown(), 'must be a table ([todo])')),
  kinds: v.optional(v.array(v.unknown(), 'must be an array of tables ([[kinds]])')),
});
export type VaultConfigFile = v.InferOutput<typeof VaultConfigSchema>;
export type KindRuleConfig = v.InferOutput<typeof KindRuleSchema>;
export type TodoConfig = v.InferOutput<typeof TodoConfigSchema>;

type Entries = v.ObjectEntries;

/**
 * The keys of `data` checked one by one against an object schema's entries: the valid ones, and one message
 * per bad or unknown key, naming it as written in the file (`todo.done` must be a list of strings).
 */
export function readKeys<const E extends Entries>(
  schema: v.ObjectSchema<E, undefined>,
  data: unknown,
  prefix = '',
): { value: Partial<v.InferOutput<v.ObjectSchema<E, undefined>>>; problems: string[] } {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { value: value as Partial<v.InferOutput<v.ObjectSchema<E, undefined>>>, problems: [`\`${prefix.replace(/\.$/, '') || 'the file'}\` must be a table`] };
  for (const [key, raw] of Object.entries(data)) {
    const entry = schema.entries[key];
    if (!entry) {
      problems.push(`unknown key \`${prefix}${key}\` (known: ${Object.keys(schema.entries).map((k) => prefix + k).join(', ')})`);
      continue;
    }
    const parsed = v.safeParse(entry, raw);
    if (parsed.success) value[key] = parsed.output;
    else {
      // the key as written, then the keys inside it (not list positions): `todo.done`, `kinds.kind`
      const inside = (v.getDotPath(parsed.issues[0]) ?? '').split('.').filter((p) => p && !/^\d+$/.test(p));
      problems.push(`\`${[prefix + key, ...inside].join('.')}\` ${parsed.issues[0].message}`);
    }
  }
  return { value: value as Partial<v.InferOutput<v.ObjectSchema<E, undefined>>>, problems };
}
