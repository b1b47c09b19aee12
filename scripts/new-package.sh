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
cp packages/core/tsup.config.ts packages/core/vitest.config.ts packages/core/tsconfig.json "$dir/"
