#!/usr/bin/env bash
# What the PDF build and its tests need, installed once per machine and kept
# outside the clone: poppler-utils (pdftotext, pdffonts, pdfinfo) from Debian, and
# typst 0.15.1 built by cargo into ${XDG_CACHE_HOME:-~/.cache}/tebiki/typst-0.15.1,
# the cache tebiki itself looks in. The typst build takes about 18 minutes on two
# cores the first time (it needs libssl-dev and pkg-config); later runs reuse it.
set -euo pipefail

VERSION=0.15.1
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tebiki/typst-$VERSION"

packages=()
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
have_typst() { "$CACHE/bin/typst" --version 2>/dev/null | grep -q "^typst $VERSION "; }
if ! have_typst; then
  dpkg -s libssl-dev >/dev/null 2>&1 || packages+=(libssl-dev)
  command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
fi
if ((${#packages[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi
if ! have_typst; then
  echo "installing typst $VERSION into $CACHE (about 18 minutes on 2 cores, once)" >&2
  # --force: a broken binary left by an interrupted run is tracked as installed.
  cargo install --locked "typst-cli@$VERSION" --root "$CACHE" --force
fi
"$CACHE/bin/typst" --version
