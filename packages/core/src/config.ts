import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key(s) ${issue.keys.map((key) => `'${key}'`).join(', ')}; remove or fix the spelling`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** Turns zod issues into one `ConfigIssue` per field, keys of unknown-key issues expanded. */
export function configIssuesFromZod(error: z.ZodError, prefix = ''): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: base === '' ? key : `${base}.${key}`,
        problem: 'unknown key; remove it or fix the spelling',
      }));
    }
    return [{ field: base === '' ? '(root)' : base, problem: describeIssue(issue) }];
  });
}

/**
 * Parses configuration once, at start-up, into a frozen typed object. Defaults live only in
 * the schema; anything invalid becomes one `ConfigError` naming every bad field.
 */
export function parseConfig<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): Readonly<z.output<Schema>> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(what, configIssuesFromZod(result.error));
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
