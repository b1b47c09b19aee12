import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@mm/core';

/**
 * A path as the user typed it, resolved against the directory they ran pnpm in (`INIT_CWD`; pnpm
 * runs scripts inside the package directory), and checked to exist when it is an input.
 */
export function userPath(text: string, flag: string, mustExist: boolean): string {
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), text);
  if (mustExist && !existsSync(resolved)) {
    throw new ConfigError(`${flag.replace(/^--/, '')} argument`, [{ field: flag, problem: `no such file: ${resolved}` }]);
  }
  return resolved;
}
