// Lists the licence of every runtime (non-dev) dependency, transitive, of each published @mm/*
// package and of the apps that run in production (live-bot, recorder, backtester), as installed in
// node_modules (pnpm's node_modules/.pnpm store: a package's own dependencies are its siblings
// there), and fails on a licence outside the permissive set below. devDependencies are not
// followed: they are not shipped with the packages nor run by the bot.
//
//   node scripts/check-licences.mjs            # check; prints a summary, every problem, exit 1 on any
//   node scripts/check-licences.mjs --list     # also print each dependency with its licence
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const listAll = process.argv.includes('--list');

/** Permissive licences: use, copy and ship with a notice, no copyleft. SPDX identifiers. */
const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
]);

/**
 * Packages whose manifest does not carry an allowed SPDX identifier although their licence is
 * acceptable, each with the reason; `name@version` so a new version is looked at again.
 * (None needed today: every runtime dependency declares an allowed licence.)
 */
const EXCEPTIONS = new Map([
  // ['name@1.2.3', 'why it is acceptable'],
]);

/** Apps are private (not published) but run in production, so their dependencies ship too. */
const PRODUCTION_APPS = ['live-bot', 'recorder', 'backtester'];

function readManifest(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** The folder Node would load `name` from when required from `fromDir` (walking up node_modules). */
function resolvePackageDir(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** SPDX expression or the legacy `license: {type}` / `licenses: [...]` forms, as one string. */
function licenceOf(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license && typeof manifest.license.type === 'string') return manifest.license.type;
  if (Array.isArray(manifest.licenses)) return manifest.licenses.map((entry) => entry.type ?? entry).join(' OR ');
  return 'UNKNOWN';
}

/** An expression is acceptable when every AND term is, and an OR needs one acceptable side. */
function isAllowed(expression) {
  const text = expression.trim().replace(/^\((.*)\)$/, '$1');
  if (/ OR /i.test(text)) return text.split(/ OR /i).some((part) => isAllowed(part));
  if (/ AND /i.test(text)) return text.split(/ AND /i).every((part) => isAllowed(part));
  return ALLOWED.has(text);
}

// The expression rule against hand-made cases, so a broken rule cannot pass every package silently.
for (const [expression, expected] of [
  ['MIT', true],
  ['(MIT OR GPL-3.0-or-later)', true],
  ['MIT AND GPL-3.0-only', false],
  ['GPL-3.0-only', false],
  ['UNKNOWN', false],
  ['(BSD-3-Clause AND Apache-2.0)', true],
]) {
  if (isAllowed(expression) !== expected) {
    console.error(`check-licences: the rule is broken: '${expression}' should be ${expected ? 'allowed' : 'refused'}`);
    process.exit(1);
  }
}

const workspaceDirs = [
  ...readdirSync(path.join(root, 'packages')).map((dir) => path.join(root, 'packages', dir)),
  ...readdirSync(path.join(root, 'apps')).map((dir) => path.join(root, 'apps', dir)),
].filter((dir) => existsSync(path.join(dir, 'package.json')));
const workspaceByName = new Map(workspaceDirs.map((dir) => [readManifest(dir).name, dir]));

const starts = workspaceDirs.filter((dir) => {
  const manifest = readManifest(dir);
  return manifest.private !== true || PRODUCTION_APPS.includes(path.basename(dir));
});

/** name@version -> { licence, dir, requiredBy } for every third-party package reached. */
const found = new Map();
const missing = [];
const seenDirs = new Set();

function visit(dir, requiredBy) {
  if (seenDirs.has(dir)) return;
  seenDirs.add(dir);
  const manifest = readManifest(dir);
  const isWorkspace = workspaceByName.get(manifest.name) !== undefined && realpathSync(workspaceByName.get(manifest.name)) === dir;
  if (!isWorkspace) {
    const key = `${manifest.name}@${manifest.version}`;
    if (!found.has(key)) found.set(key, { licence: licenceOf(manifest), requiredBy });
  }
  const optional = manifest.optionalDependencies ?? {};
  for (const name of Object.keys({ ...manifest.dependencies, ...optional })) {
    const child = resolvePackageDir(name, dir);
    if (child === undefined) {
      // Optional dependencies for other platforms (native binaries) are not installed here.
      if (!(name in optional)) missing.push(`${name} (required by ${manifest.name})`);
      continue;
    }
    visit(child, isWorkspace ? manifest.name : requiredBy);
  }
}

for (const dir of starts) visit(realpathSync(dir), readManifest(dir).name);

const problems = [];
const byLicence = new Map();
for (const [key, { licence, requiredBy }] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
  byLicence.set(licence, (byLicence.get(licence) ?? 0) + 1);
  const exception = EXCEPTIONS.get(key);
  const ok = isAllowed(licence) || exception !== undefined;
  if (listAll) console.log(`${ok ? '  ' : '✗ '}${key.padEnd(48)} ${licence}${exception ? `  (exception: ${exception})` : ''}`);
  if (!ok) problems.push(`${key}: licence '${licence}' is not in the allowed set (reached through ${requiredBy})`);
}
for (const name of missing) problems.push(`${name}: not installed, licence unknown (run pnpm install)`);

const counts = [...byLicence]
  .sort((a, b) => b[1] - a[1])
  .map(([licence, count]) => `${licence} ${count}`)
  .join(', ');
console.log(`check-licences: ${found.size} runtime dependencies of ${starts.length} published packages and apps: ${counts || 'none'}`);
if (problems.length > 0) {
  console.error(`check-licences: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  console.error(
    `Allowed: ${[...ALLOWED].join(', ')}; an acceptable exception goes in EXCEPTIONS in scripts/check-licences.mjs with its reason.`,
  );
  process.exit(1);
}
