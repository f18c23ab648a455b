#!/usr/bin/env bash
# The console's browser tests (apps/api/src/console/console.browser.medium-spec.ts) drive
# Debian's chromium through playwright-core, which downloads no browser of its own: this makes
# sure /usr/bin/chromium is there. It does nothing when it already is.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install Chromium (/usr/bin/chromium) by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium: run as root (or with sudo) to install chromium" >&2
    exit 1
  fi
fi

SUDO="$SUDO" bash "$(dirname "$0")/../../../scripts/apt-install.sh" chromium fonts-liberation

/usr/bin/chromium --version
