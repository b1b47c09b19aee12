import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveUserPath } from '@mm/cli';
import { ConfigError } from '@mm/core';

/**
 * A path as the user typed it, resolved against the directory they ran pnpm in (`INIT_CWD`; pnpm
 * runs scripts inside the package directory), and checked to exist when it is an input.
 */
export function userPath(text: string, flag: string, mustExist: boolean): string {
  const resolved = resolveUserPath(text);
  if (mustExist && !existsSync(resolved)) {
    throw new ConfigError(`${flag.replace(/^--/, '')} argument`, [{ field: flag, problem: `no such file: ${resolved}` }]);
  }
  return resolved;
}

/** Kernel pseudo-filesystems: writes there never make a file (`--out /proc/x` spun at 99% CPU). */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev'];

/**
 * An output path, checked before any work is done (a bad `--out` used to fail after the whole run):
 * not one of the inputs (convert --out equal to its input overwrote the capture), not under a file,
 * not on a kernel pseudo-filesystem.
 */
export function outputPath(text: string, flag: string, inputs: readonly string[] = []): string {
  const resolved = userPath(text, flag, false);
  const refuse = (problem: string): never => {
    throw new ConfigError(`${flag.replace(/^--/, '')} argument`, [{ field: flag, problem }]);
  };
  const real = realOrSelf(resolved);
  for (const input of inputs) {
    if (realOrSelf(input) === real)
      refuse(`${resolved} is also an input (--data): choose another output file, the input would be overwritten`);
  }
  if (PSEUDO_FILESYSTEMS.some((root) => real === root || real.startsWith(`${root}/`)))
    refuse(`${resolved} is on a kernel pseudo-filesystem (${PSEUDO_FILESYSTEMS.join(', ')}): choose a path on a real disk`);
  // The nearest existing ancestor must be a directory, or creating the output fails with ENOTDIR.
  let ancestor = path.dirname(resolved);
  while (!existsSync(ancestor)) ancestor = path.dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) refuse(`${resolved} is under ${ancestor}, which is a file, not a directory`);
  return resolved;
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // Not there yet: its directory may still be a link to an input's directory.
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

/**
 * Writes an output through a temporary file beside it, renamed over `file` only once `write` has
 * finished: a failed or interrupted run leaves the old file (or none), never a half-written one.
 */
export async function writeAtomically<T>(file: string, write: (temporary: string) => Promise<T>): Promise<T> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    const result = await write(temporary);
    renameSync(temporary, file);
    return result;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
