#!/usr/bin/env bash
# Regenerates docs/demo-report.png: the HTML report of the demo corpus in headless Chromium
# (Debian's `chromium`). Run from the repository's root.
set -euo pipefail
cargo build --release --features cli --bin event-dedup
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/event-dedup cluster examples/data/demo.jsonl --format html --title "event-dedup: the demo corpus" -o "$work/demo.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --hide-scrollbars --window-size=1100,1300 \
  --screenshot="$PWD/docs/demo-report.png" "file://$work/demo.html"
