#!/usr/bin/env bash
# Installs Debian's chromium (used by test/runtimes.test.ts through playwright-core) unless it is already there.
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or sudo) and apt-get on Debian/Ubuntu.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get not found; install Chromium at /usr/bin/chromium by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-chromium: not root and no sudo; cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
# Same step as the local set-up: `apt-get install -y chromium`. When the package lists are missing or stale
# (a fresh container, a 404 on a superseded .deb), refresh them once and try again.
if ! $SUDO apt-get install -y chromium; then
  $SUDO apt-get update
  $SUDO apt-get install -y chromium
fi
echo "chromium installed: $(/usr/bin/chromium --version)"
