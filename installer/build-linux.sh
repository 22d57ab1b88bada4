#!/usr/bin/env bash
# Builds the Linux packages into dist/ (installer/README.md):
#     dist/so-tay-dang-vien_<version>_amd64.deb          bundle in /opt, launcher on the PATH, menu entry, icon
#     dist/so-tay-dang-vien-<version>-linux-x86_64.tar.gz the same one-folder bundle, to unpack anywhere
# Needs uv, binutils (PyInstaller strips the libraries), gcc and icu-devtools (trim_icu.py) and
# dpkg-deb; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=so-tay-dang-vien
version="$(python3 installer/bundle.py)"
# The system libraries the bundle links to (installer/prune.py leaves them out): found with ldd on
# every library of the bundle and `dpkg -S`, kept to the packages that pull in the rest.
DEPENDS="espeak-ng, libstdc++6, libssl3, libsqlite3-0, libffi8, libexpat1, libbz2-1.0, liblzma5, zlib1g, libuuid1, libglib2.0-0, libdbus-1-3, libfontconfig1, \
libfreetype6, fonts-dejavu-core | fonts-liberation2, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, \
libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, \
libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, libwayland-client0, libwayland-cursor0, libwayland-egl1, \
libpulse0, libcups2, libzstd1"

echo "== PyInstaller bundle $version"
uv run --group build pyinstaller --noconfirm --clean --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work installer/handbook.spec
bundle="build/pyinstaller/dist/$APP"
missing="$(find "$bundle" -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)"
[ -z "$missing" ] || echo "warning: libraries this machine lacks (optional plugins, or add them to DEPENDS):
$missing" >&2
echo "== ICU data for Vietnamese and English only"
python3 installer/trim_icu.py "$bundle"
# The unpacked size is a target of issue #16 (docs/PERFORMANCE.md): a build over it fails here.
size=$(du -sb "$bundle" | cut -f1)
echo "bundle: $((size / 1000000)) MB unpacked"
[ "$size" -le 150000000 ] || { echo "error: the bundle is over the 150 MB target" >&2; exit 1; }

mkdir -p dist
echo "== tarball"
tar -C "$(dirname "$bundle")" -czf "dist/$APP-$version-linux-x86_64.tar.gz" \
    --transform "s,^$APP,$APP-$version," "$APP"

echo "== .deb"
root="build/deb/root"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$root/opt/$APP"
printf '#!/bin/sh\nexec /opt/%s/%s "$@"\n' "$APP" "$APP" >"$root/usr/bin/$APP"
chmod 755 "$root/usr/bin/$APP"
cp installer/linux/$APP.desktop "$root/usr/share/applications/"
cp "resources/icons/$APP.svg" "$root/usr/share/icons/hicolor/scalable/apps/"
for png in resources/icons/$APP-*.png; do
    size="${png##*-}"; size="${size%.png}"
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$APP.png"
done
cat >"$root/DEBIAN/control" <<CONTROL
Package: $APP
Version: $version
Section: misc
Priority: optional
Architecture: amd64
Maintainer: Sổ tay đảng viên <so-tay-dang-vien@localhost>
Installed-Size: $(du -sk "$root" | cut -f1)
Depends: $DEPENDS
Description: Sổ tay đảng viên - handbook for Party cell secretaries
 Offline-first desktop handbook for Communist Party of Vietnam cell secretaries:
 the member roster, monthly cell meetings and their Party-format documents, the
 documents and news from higher levels, read aloud in Vietnamese.
CONTROL
dpkg-deb --build --root-owner-group "$root" "dist/${APP}_${version}_amd64.deb" >/dev/null

du -sh "$bundle" "dist/${APP}_${version}_amd64.deb" "dist/$APP-$version-linux-x86_64.tar.gz"
