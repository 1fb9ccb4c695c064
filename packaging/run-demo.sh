#!/usr/bin/env bash
# Runs the console on the embedded default with the demo simulator.
# With no display (a server, CI) it renders offscreen for 20 s and saves a screenshot.
set -euo pipefail
console=$1
data=$2
mkdir -p "$data"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$console" --demo --data-dir "$data"
fi
echo "No display found: running the demo offscreen for 20 s; screenshot in $data/demo.png"
exec "$console" --demo --data-dir "$data" --screenshot "$data/demo.png" --exit-after 20
