#!/usr/bin/env bash
# make install: link ~/.local/bin/coach to this checkout's coach, so `coach` works in
# any new shell. Never replaces a file it did not make: an existing coach that is not
# a link is left alone, with a message.
set -euo pipefail
target="$1"
bin="${XDG_BIN_HOME:-$HOME/.local/bin}"
link="$bin/coach"
mkdir -p "$bin"
if [ -e "$link" ] && [ ! -L "$link" ]; then
  echo "make install: $link exists and is not a link coach made; left as it is." >&2
  echo "  run coach as $target, or remove $link and run make install again." >&2
  exit 1
fi
ln -sfn "$target" "$link"
echo "Linked $link -> $target"
case ":$PATH:" in
  *":$bin:"*) echo "coach is on your PATH: open a new shell and run: coach --version" ;;
  *) echo "Add $bin to your PATH (for bash: echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc)," \
          "then open a new shell and run: coach --version" ;;
esac
