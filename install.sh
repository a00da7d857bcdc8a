#!/bin/sh
# Sets chatplanner up from this folder: the system libraries Qt needs (on Debian and Ubuntu,
# with apt-get; sudo is used when not run as root), then the app in a virtual environment,
# .venv, with the tested versions of its dependencies (constraints.txt).
#
#   ./install.sh             the app (.venv/bin/chatplanner)
#   ./install.sh --test      the app as an editable install, with the test tools
#   ./install.sh --packages  print the Debian packages, one a line, and change nothing
#
# The list below is the only list of system packages: the README and CI both run this script.
set -eu

# Python's venv module; Qt's own libraries (GLib, OpenGL/EGL, fonts and the font
# configuration, D-Bus, the keyboard tables); what the X11 ("xcb") platform plugin loads since
# Qt 6.5 (found with ldd on PySide6's plugins/platforms/libqxcb.so in a bare Debian 12); and the
# Wayland client libraries of the Wayland plugin.
PACKAGES="
python3-venv
libglib2.0-0
libgl1 libegl1 libfontconfig1 libfreetype6 fontconfig fonts-dejavu-core
libdbus-1-3 libxkbcommon0
libx11-6 libx11-xcb1 libxcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
libwayland-client0 libwayland-cursor0 libwayland-egl1
"

mode=app
case "${1:-}" in
  "") ;;
  --test) mode=test ;;
  --packages) printf '%s\n' $PACKAGES; exit 0 ;;
  *) echo "usage: ./install.sh [--test | --packages]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }

install_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "No apt-get here: install your system's packages for these, then run this again if Qt complains:"
    printf '%s\n' $PACKAGES | tr '\n' ' '; echo
    return 0
  fi
  # A dry run needs no root: nothing to do when every package (or one providing it, as
  # Ubuntu 24.04's libglib2.0-0t64 does) is installed already.
  # shellcheck disable=SC2086
  if planned=$(apt-get install -s -q $PACKAGES 2>/dev/null) &&
    ! printf '%s\n' "$planned" | grep -q '^Inst '; then
    return 0
  fi
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "chatplanner needs system packages; as root, run:" >&2
      echo "  apt-get install $(printf '%s ' $PACKAGES)" >&2
      exit 2
    fi
    as_root=sudo
  fi
  say "System packages Qt needs (apt-get, as root)"
  # shellcheck disable=SC2086
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES
}

find_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "chatplanner needs Python 3.11 or newer (python3 --version says what you have)." >&2
  exit 2
}

install_system_packages
python=$(find_python)
if [ ! -e .venv/bin/python ]; then
  say "A virtual environment in .venv"
  "$python" -m venv .venv
elif ! .venv/bin/python -c '' 2>/dev/null; then
  say "The virtual environment in .venv no longer runs (was Python upgraded?): making it again"
  "$python" -m venv --clear .venv
fi
say "chatplanner and its dependencies (versions from constraints.txt)"
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install --disable-pip-version-check -c constraints.txt -e ".[test]"
else
  .venv/bin/python -m pip install --disable-pip-version-check -c constraints.txt .
fi
say "Done: .venv/bin/chatplanner starts the app (.venv/bin/chatplanner --install-desktop adds it to your menu)"
