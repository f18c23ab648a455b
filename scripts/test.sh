#!/usr/bin/env bash
# `npm test`: install the tools the tests drive (Dovecot, pdftotext, Chromium; stop with what to install
# when that cannot be done here), check formatting; build, type-check, lint and test every
# workspace; print the totals.
set -u
cd "$(dirname "$0")/.." || exit 1
bash scripts/provision-tests.sh || exit 1
status=0
npx --no-install prettier --check . --log-level warn || { echo 'Formatting differs: run npm run format' >&2; status=1; }
npx --no-install turbo run build typecheck lint test --continue --output-logs=new-only "$@" || status=1
node scripts/test-summary.mjs || status=1
exit $status
