#!/usr/bin/env bash
# Build every workspace before a command runs from dist/, saying nothing unless the build
# fails, so `npm run -s deadlines` prints only the timeline.
set -u
cd "$(dirname "$0")/.." || exit 1
if ! out=$(npx --no-install turbo run build --output-logs=errors-only 2>&1); then
  printf '%s\n' "$out" >&2
  exit 1
fi
