// Machine check of the architecture (docs/architecture.md):
//  1. dependencies between workspace packages point only downward (strictly lower tier);
//  2. pure packages (tiers 0 and 1) import no I/O and read no ambient time or randomness;
//  3. a pure package's edge tier ("mm": { "edge": ["src/edge"] }, e.g. @mm/core/edge and its real
//     clock) is the one place of it that may read the runtime: it is published as its own subpath
//     export ("./edge"), and no pure source (its own main entry included) may import it.
// Usage: node scripts/check-tiers.mjs [--self-test]
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
/** Third-party libraries that are pure computation and may be used by pure packages. */
const PURE_LIBRARIES = new Set(['zod', 'simple-statistics', 'ml-cart']);
/** Globals that are I/O, timers, ambient time or randomness. */
const FORBIDDEN_GLOBALS = new Set([
  'process',
  'fetch',
  'WebSocket',
  'XMLHttpRequest',
  'require',
  'performance',
  'crypto',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'globalThis',
  'Buffer',
  'console',
  '__dirname',
  '__filename',
]);
const APP_TIER = 5;

function listSourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listSourceFiles(full);
    const isSource = /\.(ts|tsx|mts)$/.test(entry) && !/\.(test|bench|spec)\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith('.d.ts');
    return isSource ? [full] : [];
  });
}

/**
 * Returns the purity violations of one source text. `edge` names what pure code may not import:
 * `dirs`, the edge source folders (relative to the repository, like `fileName`), and `specifiers`,
 * the edge subpath exports (e.g. '@mm/core/edge').
 */
export function purityViolations(fileName, sourceText, allowedPackages, edge = { dirs: [], specifiers: new Set() }) {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true);
  const problems = [];
  const where = (node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const checkSpecifier = (specifier, node) => {
    if (specifier.startsWith('.')) {
      const target = path.normalize(path.join(path.dirname(fileName), specifier));
      const edgeDir = edge.dirs.find((dir) => target === dir || target.startsWith(dir + path.sep));
      if (edgeDir !== undefined)
        problems.push(`${where(node)} imports '${specifier}' from the edge tier ${edgeDir} (it reads the runtime; inject it instead)`);
      return;
    }
    if (edge.specifiers.has(specifier)) {
      problems.push(`${where(node)} imports the edge entry '${specifier}' (it reads the runtime; pure code is handed a Clock)`);
      return;
    }
    const bare = specifier.startsWith('node:')
      ? specifier
      : specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
    if (bare.startsWith('node:') || builtinModules.includes(bare)) {
      problems.push(`${where(node)} imports the Node built-in '${specifier}' (I/O is for tiers 2+)`);
    } else if (!PURE_LIBRARIES.has(bare) && !allowedPackages.has(bare)) {
      problems.push(`${where(node)} imports '${specifier}', which is not a lower-tier @mm package nor a known pure library`);
    }
  };
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      checkSpecifier(node.moduleSpecifier.text, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      problems.push(`${where(node)} uses dynamic import()`);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const text = `${node.expression.text}.${node.name.text}`;
      if (text === 'Date.now' || text === 'Math.random')
        problems.push(`${where(node)} reads ${text}() (use the injected clock / a seeded generator)`);
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Date'
    ) {
      if (ts.isCallExpression(node) || (node.arguments ?? []).length === 0)
        problems.push(`${where(node)} reads the current date via Date (use the injected clock)`);
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isMethodSignature(parent)) &&
          parent.name === node);
      if (!isMemberName) problems.push(`${where(node)} uses the global '${node.text}' (I/O, timers or ambient state are for tiers 2+)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

function readPackages() {
  const packages = new Map();
  for (const group of ['packages', 'apps']) {
    const base = path.join(root, group);
    if (!existsSync(base)) continue;
    for (const dir of readdirSync(base)) {
      const manifestPath = path.join(base, dir, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const tier = group === 'apps' ? APP_TIER : manifest.mm?.tier;
      packages.set(manifest.name, { dir: path.join(base, dir), manifest, tier, pure: manifest.mm?.pure === true, group });
    }
  }
  return packages;
}

/**
 * The edge tiers of the pure packages: each `mm.edge` folder must exist and be published as the
 * subpath export of its name (src/edge -> "./edge" -> '@mm/core/edge').
 */
function readEdges(packages, problems) {
  const dirs = [];
  const specifiers = new Set();
  for (const [name, info] of packages) {
    for (const dir of info.manifest.mm?.edge ?? []) {
      const relative = path.relative(root, path.join(info.dir, dir));
      const subpath = `./${path.basename(dir)}`;
      if (!info.pure) problems.push(`${name}: "mm.edge" is for pure packages (the rest may read the runtime anywhere)`);
      if (!existsSync(path.join(info.dir, dir, 'index.ts'))) problems.push(`${name}: edge tier ${relative} has no index.ts`);
      if (info.manifest.exports?.[subpath] === undefined)
        problems.push(`${name}: edge tier ${relative} is not published: package.json "exports" needs "${subpath}"`);
      dirs.push(relative);
      specifiers.add(`${name}/${path.basename(dir)}`);
    }
  }
  return { dirs, specifiers };
}

function checkRepository() {
  const packages = readPackages();
  const problems = [];
  const edge = readEdges(packages, problems);
  for (const [name, info] of packages) {
    if (info.group === 'packages' && (typeof info.tier !== 'number' || typeof info.manifest.mm?.pure !== 'boolean')) {
      problems.push(`${name}: package.json needs "mm": { "tier": 0-3, "pure": true|false }`);
      continue;
    }
    if (info.pure && info.tier > 1) problems.push(`${name}: only tiers 0 and 1 can be pure (tier ${info.tier})`);
    if (!info.pure && info.tier <= 1) problems.push(`${name}: tiers 0 and 1 must be pure`);
    const allowed = new Set();
    for (const dependency of Object.keys({ ...info.manifest.dependencies, ...info.manifest.peerDependencies })) {
      const target = packages.get(dependency);
      if (target === undefined) continue;
      if (target.tier >= info.tier)
        problems.push(`${name} (tier ${info.tier}) depends on ${dependency} (tier ${target.tier}): dependencies must point to lower tiers`);
      allowed.add(dependency);
    }
    if (!info.pure) continue;
    for (const file of listSourceFiles(path.join(info.dir, 'src'))) {
      const relative = path.relative(root, file);
      // The edge tier reads the runtime by design; everything else of a pure package may not.
      if (edge.dirs.some((dir) => relative.startsWith(dir + path.sep))) continue;
      problems.push(...purityViolations(relative, readFileSync(file, 'utf8'), allowed, edge));
    }
  }
  return { problems, count: packages.size, edges: edge.specifiers.size };
}

function selfTest() {
  const bad = `import { readFileSync } from 'node:fs';\nimport ws from 'ws';\nconst t = Date.now();\nconst d = new Date();\nsetTimeout(() => {}, 1);\nconst r = Math.random();\nprocess.env.X;\n`;
  const good = `import { z } from 'zod';\nimport { Instrument } from '@mm/core';\nconst d = new Date(0);\nconst o = { process: 1, setTimeout: 2 };\no.process;\ninterface T { fetch: number }\n`;
  const edge = { dirs: [path.join('packages', 'core', 'src', 'edge')], specifiers: new Set(['@mm/core/edge']) };
  const reachesEdge = `import { SystemClock } from '@mm/core/edge';\nexport { SystemClock as Wall } from './edge/index.js';\n`;
  const found = purityViolations('bad.ts', bad, new Set());
  const clean = purityViolations('good.ts', good, new Set(['@mm/core']), edge);
  const edgeFound = purityViolations(path.join('packages', 'core', 'src', 'index.ts'), reachesEdge, new Set(['@mm/core']), edge);
  if (found.length !== 7 || clean.length !== 0 || edgeFound.length !== 2) {
    console.error('check-tiers self-test failed', { found, clean, edgeFound });
    process.exit(1);
  }
  console.log('check-tiers self-test: 7 violations found in the bad fixture, 2 edge imports in the edge fixture, none in the good one');
}

if (process.argv.includes('--self-test')) selfTest();
const { problems, count, edges } = checkRepository();
if (problems.length > 0) {
  console.error(`Architecture check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `Architecture check passed: ${count} packages, dependencies point downward, pure packages are pure, ${edges} edge tier(s) published and imported by no pure code.`,
);
