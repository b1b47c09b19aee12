import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory the user typed the command in. pnpm runs a package's script inside the package
 * (`apps/backtester`), and says where it was started in `INIT_CWD`; started any other way the
 * process's own directory is the user's.
 */
export function userDirectory(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string {
  return env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : cwd;
}

/** A path as the user typed it, resolved against the directory they typed it in. */
export function resolveUserPath(
  text: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string {
  return path.resolve(userDirectory(env, cwd), text);
}

/** The `version` of the nearest package.json at or above `directory` (for --version). */
export function packageVersion(directory: string): string {
  let current = path.resolve(directory);
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(current, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: look further up
    }
    const parent = path.dirname(current);
    if (parent === current) return 'unknown';
    current = parent;
  }
}
