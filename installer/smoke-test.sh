#!/usr/bin/env bash
# Smoke test of an installed build: each step runs the real command in a fresh data folder.
#     bash installer/smoke-test.sh [COMMAND]      (default: so-tay-dang-vien, as the .deb installs it)
# Exits non-zero at the first failure, with a line saying which step failed.
set -euo pipefail

app="${1:-so-tay-dang-vien}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }
run() {  # run the app with the step's data folder; its output goes to the log, shown on failure
    "$app" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; fail "$app $*"; }
}

step "version"
version="$("$app" --version)" || fail "$app --version"
[[ "$version" == "Sổ tay đảng viên "* ]] || fail "--version printed '$version'"
echo "$version"

step "demo workspace"
run --data-dir "$work/demo" demo

step "screenshot of the main window"
run --data-dir "$work/demo" --screenshot "$work/home.png"
size=$(stat -c %s "$work/home.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] || fail "screenshot missing or blank ($size bytes)"

step "minutes of the latest meeting as PDF"
run --data-dir "$work/demo" render minutes --meeting latest --out "$work/minutes.pdf"
pdftotext "$work/minutes.pdf" "$work/minutes.txt" || fail "pdftotext could not read the minutes PDF"
grep -q "BIÊN BẢN" "$work/minutes.txt" || fail "the minutes PDF has no 'BIÊN BẢN' text"

step "speech to WAV"
run --data-dir "$work/demo" speak --text "Chi bộ họp ngày 5 tháng 3." --out "$work/speech.wav"
size=$(stat -c %s "$work/speech.wav" 2>/dev/null || echo 0)
[ "$size" -gt 10000 ] || fail "speech WAV missing or empty ($size bytes)"
[ "$(head -c 4 "$work/speech.wav")" = "RIFF" ] || fail "speech output is not a WAV file"

step "search"
"$app" --data-dir "$work/demo" search "nghi quyet" >"$work/search.txt" 2>&1 || { cat "$work/search.txt" >&2; fail "search"; }
grep -qi "nghị quyết" "$work/search.txt" || fail "search for 'nghi quyet' found nothing"

step "setup of a new cell (migrates a new database)"
run --data-dir "$work/own" setup --cell "Chi bộ Khu phố 5" \
    --parents "Đảng bộ phường Bắc Sơn > Thành ủy Sông Công > Tỉnh ủy Thái Nguyên" --place "Bắc Sơn" --term 2025-2030
run --data-dir "$work/own" --screenshot "$work/own.png" --page members

echo "smoke test passed: $app"
