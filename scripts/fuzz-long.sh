#!/usr/bin/env bash
# The long fuzz run (the test suite runs the same properties CI-sized): MM_FUZZ_RUNS cases per parser.
# Usage: npx -y pnpm@10 fuzz            (100,000 cases each)   MM_FUZZ_RUNS=1000000 npx -y pnpm@10 fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
export MM_FUZZ_RUNS="${MM_FUZZ_RUNS:-100000}"
echo "fuzz: ${MM_FUZZ_RUNS} cases per property"
(cd packages/feeds && npx vitest run src/parsers.fuzz.test.ts --testTimeout 0)
(cd apps/live-bot && npx vitest run src/config/bot-config.fuzz.test.ts --testTimeout 0)
(cd packages/venue-hl && npx vitest run test/fuzz-requests.test.ts --testTimeout 0)
