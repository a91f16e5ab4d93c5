#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use as real peers (never starts any daemon).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
packages=(
  python3-aiosmtpd      # SMTP server peer
  python3-dkim          # DKIM verifier peer (dkimpy)
  opendkim-tools        # second DKIM verifier
  postfix               # only smtp-sink / smtp-source, for benchmarks
  openssl               # self-signed certificates for STARTTLS tests
  sqlite3               # inspecting databases by hand
  chromium              # headless browser for rendered pages (driven by Playwright; never `playwright install`)
  dovecot-core          # POP3/IMAP server holding the bounce mailbox in tests (started per test with its own config)
  dovecot-pop3d
  dovecot-imapd
  wrk                   # HTTP load for the web benchmarks
  faketime              # libfaketime: the date-bound tests run again with the clock moved years ahead
  postgresql            # PostgreSQL 15: initdb and pg_ctl, for a cluster per test run in a temporary folder (the packaged one is not started)
)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  # Postfix asks how to configure itself; we only want its standalone tools.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  # Packages with daemons (Dovecot) must not start them: tests run their own copy on 127.0.0.1 with a config of their own.
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    guard=1
  fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ -z "$guard" ] || $SUDO rm -f /usr/sbin/policy-rc.d
  # Where a package started its daemon anyway (systemd machines), stop it: nothing may listen beyond the tests' own.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
    $SUDO systemctl disable --now dovecot >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet postgresql 2>/dev/null; then
    $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true
  fi
fi
# npm installs the front-end files the browser tests inject (axe-core). A machine that has Node.js with its own npm (the
# NodeSource build) keeps it; Debian's npm is installed only where there is none.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
