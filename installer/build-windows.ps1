# Builds the Windows installer: dist\so-tay-dang-vien-<version>-windows-x64-setup.exe (installer/README.md).
# Needs uv, and Inno Setup 6 (https://jrsoftware.org/isinfo.php; ISCC.exe on the PATH or in its default folder).
#     powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

uv sync --group build
if ($LASTEXITCODE) { throw "uv sync failed" }
$version = (uv run --group build python installer/bundle.py).Trim()

uv run --group build pyinstaller --noconfirm --clean --distpath build/pyinstaller/dist `
    --workpath build/pyinstaller/work installer/handbook.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# Inno Setup ships no Vietnamese; its repository keeps an unofficial translation.
$isl = "installer/windows/Vietnamese.isl"
if (-not (Test-Path $isl)) {
    Invoke-WebRequest -UseBasicParsing -OutFile $isl `
        -Uri "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/Vietnamese.isl"
}

$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found: install it or put ISCC.exe on the PATH" }
& $iscc "/DAppVersion=$version" installer/windows/so-tay-dang-vien.iss
if ($LASTEXITCODE) { throw "ISCC failed" }

# A quick check of the bundle, as CI does on Linux (speech here uses the SAPI5 voices through pyttsx3).
$cli = "build/pyinstaller/dist/so-tay-dang-vien/so-tay-dang-vien-cli.exe"
& $cli --version
Get-ChildItem dist/*.exe
