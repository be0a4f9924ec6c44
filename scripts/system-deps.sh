#!/usr/bin/env bash
# System packages the test suite uses: PortAudio (real microphone path), PulseAudio
# (a virtual microphone), espeak-ng and sox (synthetic test speech).
# Installs what is missing when it can (root, or passwordless sudo); otherwise says
# what to install. Tests that need a missing tool skip with the reason.
set -euo pipefail
need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
command -v pulseaudio >/dev/null || need+=(pulseaudio)
command -v pactl >/dev/null || need+=(pulseaudio-utils)
ldconfig -p 2>/dev/null | grep -q libportaudio.so.2 || need+=(libportaudio2)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "note: missing system packages: ${need[*]}" >&2
  echo "      install them with: sudo apt-get install -y ${need[*]} (tests that need them skip)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "note: not a Debian/Ubuntu system; please install: ${need[*]}" >&2
  exit 0
fi
echo "installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
