#!/usr/bin/env bash
# `npm test`: build, type-check, lint and test every workspace, then print the totals.
set -u
cd "$(dirname "$0")/.." || exit 1
npx --no-install turbo run build typecheck lint test --output-logs=new-only "$@"
status=$?
node scripts/test-summary.mjs || status=1
exit $status
