import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, configIssuesFromZod } from '@mm/core';

/**
 * Parses `--flag value` arguments against a zod schema whose keys are the flag names in camelCase.
 * Unknown flags, missing values and bad values become one ConfigError naming each `--flag`.
 */
export function parseFlags<Schema extends z.ZodObject>(
  argv: readonly string[],
  schema: Schema,
  what: string,
  booleans: readonly string[] = [],
): z.output<Schema> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const key of Object.keys(schema.shape)) options[flagOf(key).slice(2)] = { type: booleans.includes(key) ? 'boolean' : 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^']+)'/.exec(message)?.[1] ?? '(arguments)';
    throw new ConfigError(what, [{ field: flag, problem: message.replace(/^.*?: /, '') }]);
  }
  const input: Record<string, unknown> = {};
  for (const [flag, value] of Object.entries(parsed.values)) {
    input[flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      what,
      configIssuesFromZod(result.error).map((issue) => ({
        ...issue,
        field:
          issue.field === '(root)'
            ? issue.field
            : flagOf(issue.field.split('.')[0]!) + issue.field.slice(issue.field.split('.')[0]!.length),
      })),
    );
  }
  return result.data;
}

/** A comma-separated list flag: `--data a.gz,b.gz`. */
export const listFlag = z
  .string()
  .min(1)
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );

/** A number flag given as text. */
export const numberFlag = z
  .string()
  .refine((text) => text.trim() !== '' && Number.isFinite(Number(text)), 'must be a number')
  .transform(Number);
