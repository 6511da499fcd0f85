#!/bin/sh
# Installs what the app needs from Debian or Ubuntu (Python's venv module and
# the system libraries Qt needs), showing apt's progress.
#   sh scripts/install-debian-packages.sh app    # to run the app on a desktop
#   sh scripts/install-debian-packages.sh test   # to run the tests (headless)
#   sh scripts/install-debian-packages.sh build  # to build the app and the .deb (scripts/build_app.py)
# One package list per mode (plus "every", needed by all of them).
set -eu
every="python3-venv"
app="libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core"
# fonts-wqy-microhei (Chinese, Japanese, Korean) and fonts-symbola (monochrome emoji): the
# PDF tests check that characters the bundled fonts lack come from fonts on the system.
test="libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
 poppler-utils fonts-wqy-microhei fonts-symbola
 xvfb xdotool libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
 fuse fusefat exfat-fuse dosfstools exfatprogs
 dbus-daemon at-spi2-core python3-pyatspi"
# The accessibility test (tests/integration/test_atspi.py) runs the app under its own Xvfb,
# D-Bus session and AT-SPI bus and reads it with the system python3's pyatspi.
# Everything the bundle links to must be on the build machine (the build
# checks), plus PyInstaller's binutils, the metainfo and launcher checkers,
# and poppler-utils for the package's smoke test.
build="$app libcups2 libwayland-client0 libwayland-cursor0 libwayland-egl1
 binutils appstream desktop-file-utils poppler-utils"
case "${1:-app}" in
  app) pkgs="$every $app" ;;
  test) pkgs="$every $test" ;;
  build) pkgs="$every $build" ;;
  *) echo "usage: $0 app|test|build" >&2; exit 2 ;;
esac
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
export DEBIAN_FRONTEND=noninteractive
# Skip the download when everything is already there.
if dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | grep -qv "install ok installed" \
   || [ "$(dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | wc -l)" -lt "$(echo $pkgs | wc -w)" ]; then
  echo "Installing: $(echo $pkgs)"
  $as_root apt-get update
  $as_root apt-get install -y --no-install-recommends $pkgs
else
  echo "Already installed: $(echo $pkgs)"
fi
