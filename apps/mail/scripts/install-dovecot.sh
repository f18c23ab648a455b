#!/usr/bin/env bash
# The IMAP poller's tests start a real Dovecot of their own (apps/mail/src/imap/testing/dovecot.ts):
# this makes sure the binary is there. It does nothing when Dovecot is already installed, and it
# never starts or enables the system's Dovecot service: the tests run their own on loopback.
set -euo pipefail

if [ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-dovecot: no apt-get here; install Dovecot's IMAP server (dovecot-imapd) by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-dovecot: run as root (or with sudo) to install dovecot-imapd" >&2
    exit 1
  fi
fi

# A policy-rc.d that answers 101 stops the package scripts from starting (or restarting) the
# service, on machines with an init system too. It is removed again unless one was already there.
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=""
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
  ADDED_POLICY=1
fi
cleanup() { if [ -n "$ADDED_POLICY" ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

SUDO="$SUDO" bash "$(dirname "$0")/../../../scripts/apt-install.sh" dovecot-imapd

# Belt and braces where systemd runs: the package may have enabled the unit for next boot.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
fi

/usr/sbin/dovecot --version
