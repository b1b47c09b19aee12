import { ConfigError, parseConfig, type ConfigIssue } from '@mm/core';
import { z } from 'zod';
import {
  avellanedaStoikovSimulationFields,
  avellanedaStoikovSimulationOptionsSchema,
  type AvellanedaStoikovSimulationConfig,
  type AvellanedaStoikovSimulationOptions,
} from './run-avellaneda-stoikov-simulation.js';

const WHAT = 'as-sim arguments';
const FLAG_PREFIX = '--';

/** Plain decimal text only: `Number('')` is 0 and `Number('0x10')` 16, neither of which a user meant. */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text to number only; ranges, integers and required flags are the options schema's to check. */
const numberFlag = z.string().regex(DECIMAL_TEXT, 'must be a number').transform(Number).optional();

type FieldName = keyof typeof avellanedaStoikovSimulationFields;
const FIELD_NAMES = Object.keys(avellanedaStoikovSimulationFields) as FieldName[];

/**
 * One key per flag, spelled as typed (`--gamma`), so zod's issues name the flag. Limits and
 * defaults live only in the simulation's options schema; its issues are renamed to flags below.
 */
const asSimFlagsSchema = z.strictObject(Object.fromEntries(FIELD_NAMES.map((name) => [`${FLAG_PREFIX}${name}`, numberFlag])));

/**
 * Parses `as-sim` command-line flags: `--gamma 0.1 --paths 1000 --seed 1`, optionally `--sigma`,
 * `--s0`, `--T`, `--dt`, `--kappa`, `--A` (also as `--flag=value`). Unknown, repeated or
 * valueless flags, stray words and bad values throw one `ConfigError` naming each flag.
 */
export function parseAsSimArgs(argv: readonly string[]): AvellanedaStoikovSimulationConfig {
  const { flags, issues } = tokenizeFlags(argv);
  if (issues.length > 0) throw new ConfigError(WHAT, issues);

  const parsedFlags = parseConfig(asSimFlagsSchema, flags, WHAT);
  const options: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const value = parsedFlags[`${FLAG_PREFIX}${name}`];
    if (value !== undefined) options[name] = value;
  }
  try {
    return parseConfig(avellanedaStoikovSimulationOptionsSchema, options as AvellanedaStoikovSimulationOptions, WHAT);
  } catch (error) {
    // The options schema names fields (`gamma`); the user typed flags (`--gamma`).
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      WHAT,
      error.issues.map((issue) => ({ field: `${FLAG_PREFIX}${issue.field}`, problem: issue.problem })),
    );
  }
}

function tokenizeFlags(argv: readonly string[]): { flags: Record<string, string>; issues: ConfigIssue[] } {
  const flags: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (!token.startsWith(FLAG_PREFIX) || token.length === FLAG_PREFIX.length) {
      issues.push({ field: token, problem: `unexpected argument; expected a flag like --gamma 0.1` });
      continue;
    }
    const equalsAt = token.indexOf('=');
    let flag: string;
    let value: string | undefined;
    if (equalsAt >= 0) {
      flag = token.slice(0, equalsAt);
      value = token.slice(equalsAt + 1);
    } else {
      flag = token;
      const next = argv[index + 1];
      // A negative number (-1) is a value; another flag (--paths) is not.
      if (next !== undefined && !next.startsWith(FLAG_PREFIX)) {
        value = next;
        index += 1;
      }
    }
    if (value === undefined) {
      issues.push({ field: flag, problem: 'missing value' });
    } else if (Object.hasOwn(flags, flag)) {
      issues.push({ field: flag, problem: 'given more than once' });
    } else {
      flags[flag] = value;
    }
  }
  return { flags, issues };
}
