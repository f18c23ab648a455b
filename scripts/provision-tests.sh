#!/usr/bin/env bash
# What the tests drive for real besides Node and Postgres: Dovecot (the IMAP poller's tests),
# pdftotext (the record-form and chronology tests) and Chromium (the console's browser tests).
# `npm test` runs this first, as .ci/run does, so a fresh machine passes or is told, in one
# line, what to install: a missing tool fails its tests, it never skips them. Each installer
# does nothing when its tool is already there; a tool whose tests need one more adds a line.
set -u
cd "$(dirname "$0")/.." || exit 1

# Debian package | its installer; an installer not in the tree is passed over
TOOLS=(
  'dovecot-imapd|apps/mail/scripts/install-dovecot.sh'
  'poppler-utils|packages/casework/scripts/install-poppler.sh'
  'chromium|apps/api/scripts/install-chromium.sh'
)

missing=()
for entry in "${TOOLS[@]}"; do
  package=${entry%%|*}
  installer=${entry#*|}
  [ -f "$installer" ] || continue
  bash "$installer" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "The tests need ${missing[*]}: not installed, and installing failed here (it takes apt-get and root or sudo). Run 'sudo apt-get install ${missing[*]}', then npm test again." >&2
  exit 1
fi
