#!/usr/bin/env bash
# Creates a package with the uniform shape: scripts/new-package.sh <name> <tier> <pure:true|false> "<description>"
set -euo pipefail
name=$1; tier=$2; pure=$3; description=$4
dir=packages/$name
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@mm/$name",
  "version": "0.1.0",
  "description": "$description",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "mm": { "tier": $tier, "pure": $pure },
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "import": "./dist/index.js"
    }
  },
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "files": ["dist"],
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc --noEmit",
    "test": "vitest run"
  },
  "dependencies": {
    "@mm/core": "workspace:*",
    "zod": "^4.1.12"
  }
}
JSON
cp packages/core/tsup.config.ts packages/core/vitest.config.ts "$dir/"
if [ "$pure" = true ]; then
  # Pure tiers: src compiled without Node's types; tests and configs checked separately with them.
  cp packages/core/tsconfig.json packages/core/tsconfig.test.json "$dir/"
  sed -i 's#"typecheck": "tsc --noEmit"#"typecheck": "tsc --noEmit \&\& tsc --noEmit -p tsconfig.test.json"#' "$dir/package.json"
else
  cp packages/core/tsconfig.test.json "$dir/tsconfig.json"
fi
