#!/usr/bin/env bash
# `apt-get update` and `install` of the packages named, through $SUDO when set (the tools'
# installers decide whether it is needed). A mirror, or another install holding dpkg's lock,
# can fail for a moment: three tries, ten seconds apart, each waiting for the lock.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=${SUDO:-}
for attempt in 1 2 3; do
  if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "$@" >/dev/null; then
    exit 0
  fi
  if [ "$attempt" -lt 3 ]; then sleep 10; fi
done
exit 1
