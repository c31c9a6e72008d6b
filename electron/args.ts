// node:util parseArgs for the command lines (the CLI, `serve`): its errors as one line naming the option as
// typed, for a user rather than a programmer ("unknown option --colour", "--db needs a value").
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** parseArgs with positionals, strict: an unknown option or a missing or unwanted value is a UsageError;
 *  `unknown` is said after an unknown option (where to look for the known ones). */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  unknown: string,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = 'code' in e ? e.code : undefined;
    const option = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option} ${unknown}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(/does not take/.test(e.message) ? `${option} takes no value` : `${option} needs a value`);
    throw new UsageError(e.message.split('\n')[0]);
  }
}
