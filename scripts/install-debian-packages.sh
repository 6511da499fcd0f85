#!/bin/sh
# Installs the system libraries Qt needs on Debian or Ubuntu.
#   sh scripts/install-debian-packages.sh app    # to run the app on a desktop
#   sh scripts/install-debian-packages.sh test   # to run the tests (headless)
set -eu
app="libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core"
test="libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
 poppler-utils fuse fusefat dosfstools exfat-fuse exfatprogs"
case "${1:-app}" in
  app) pkgs=$app ;;
  test) pkgs=$test ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
export DEBIAN_FRONTEND=noninteractive
# Skip the download when everything is already there.
if dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | grep -qv "install ok installed" \
   || [ "$(dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | wc -l)" -lt "$(echo $pkgs | wc -w)" ]; then
  $as_root apt-get update -qq
  $as_root apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
