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

export DEBIAN_FRONTEND=noninteractive
# A mirror, or another install holding dpkg's lock, can fail for a moment: three tries.
for attempt in 1 2 3; do
  if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends poppler-utils >/dev/null; then
    break
  fi
  if [ "$attempt" -eq 3 ]; then exit 1; fi
  sleep 10
done

pdftotext -v 2>&1 | head -n 1
