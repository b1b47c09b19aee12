import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBotConfig, isBotSettingKey, OTHER_TOOL_KEYS, OWN_PREFIXES } from './bot-config.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage']);

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|mts|mjs|js|sh)$/.test(entry.name) || entry.name === 'run') files.push(full);
  }
  return files;
}

/** Every environment name with one of the bot's prefixes that the repository reads or exports. */
function environmentNamesInRepository(): Map<string, string> {
  const prefixes = OWN_PREFIXES.join('|');
  const read = new RegExp(String.raw`process\.env(?:\.|\[['"])((?:${prefixes})[A-Z0-9_]*)`, 'g');
  const exported = new RegExp(String.raw`^\s*export\s+((?:(?:${prefixes})[A-Z0-9_]*=\S*\s*)+)`, 'gm');
  const names = new Map<string, string>();
  for (const file of sourceFiles(repositoryRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(read)) names.set(match[1]!, path.relative(repositoryRoot, file));
    for (const match of text.matchAll(exported))
      for (const assignment of match[1]!.trim().split(/\s+/)) names.set(assignment.split('=')[0]!, path.relative(repositoryRoot, file));
  }
  return names;
}

describe("the repository's other tools share the bot's prefixes without breaking it", () => {
  it('every such name the repository reads or exports is a bot setting or a known tool setting', () => {
    const names = environmentNamesInRepository();
    // The scan must see what CI exports, or it proves nothing.
    expect(names.get('MM_REQUIRE_CHROMIUM')).toBeDefined();
    const unknown = [...names].filter(([name]) => !isBotSettingKey(name) && !OTHER_TOOL_KEYS.has(name));
    expect(unknown.map(([name, file]) => `${name} (${file})`)).toEqual([]);
  });

  it('a bot started from the CI shell runs; a misspelt setting beside it still fails', () => {
    const ciShell = { PATH: '/usr/bin', HOME: '/root', MM_REQUIRE_CHROMIUM: '1', MM_FUZZ_RUNS: '100000' };
    expect(loadBotConfig(ciShell, '/repo').config.HL_MODE).toBe('paper');
    expect(() => loadBotConfig({ ...ciShell, MM_MONITOR_PROT: '0' }, '/repo')).toThrow(/MM_MONITOR_PROT: unknown key/);
  });
});
