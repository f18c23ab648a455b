#!/usr/bin/env bash
# The record-form and chronology tests read the PDFs the service makes as text, with pdftotext
# from poppler-utils (packages/casework/src/testing/pdf-text.ts): this makes sure the
# binary is there. It does nothing when pdftotext is already installed.
set -euo pipefail

if command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-poppler: no apt-get here; install poppler-utils (pdftotext) by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-poppler: run as root (or with sudo) to install poppler-utils" >&2
    exit 1
  fi
fi

SUDO="$SUDO" bash "$(dirname "$0")/../../../scripts/apt-install.sh" poppler-utils

pdftotext -v 2>&1 | head -n 1
