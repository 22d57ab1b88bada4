"""What the PyInstaller bundle carries besides the code: read by handbook.spec and by tests/test_packaging.py.

Plain Python (no PyInstaller import), so a test can check the lists without building.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "so-tay-dang-vien"

# Package data found relative to its module (i18n/__init__.py, core/migrations/__init__.py):
# it lands at the same package path inside the bundle, where the frozen module's __file__ points.
PACKAGE_DATA = (
    ("handbook_desktop/i18n/locale", "**/*.mo"),
    ("handbook_desktop/core/migrations", "*.py"),  # Alembic reads env.py and the revisions as files
    ("handbook_desktop/core/migrations/versions", "*.py"),
)

# Only the desktop's own program is bundled: the sync server (`serve`, `admin`) runs from a checkout.
SERVER_ONLY = ("sync.server", "fastapi", "starlette", "uvicorn", "psycopg", "psycopg_binary", "psycopg_pool",
               "argon2", "httptools", "uvloop", "watchfiles", "websockets")
UNUSED = ("tkinter", "pytest", "pytestqt", "hypothesis", "importlinter", "babel", "locust", "IPython",
          "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
          "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtQml", "PySide6.QtQuick",
          "PySide6.QtQuickWidgets", "PySide6.QtQuick3D", "PySide6.QtQuickControls2", "PySide6.Qt3DCore",
          "PySide6.Qt3DRender", "PySide6.Qt3DExtras", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
          "PySide6.Qt3DAnimation", "PySide6.QtDataVisualization", "PySide6.QtGraphs", "PySide6.QtPdf",
          "PySide6.QtPdfWidgets", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtSql", "PySide6.QtTest",
          "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning", "PySide6.QtLocation",
          "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
          "PySide6.QtTextToSpeech", "PySide6.QtSpatialAudio", "PySide6.QtHttpServer", "PySide6.QtUiTools",
          # reached only through optional or build-time imports: pydantic's debug printing (rich,
          # pygments), cffi's build helper (setuptools), urllib3's optional brotli decoding
          "rich", "pygments", "markdown_it", "mdurl", "setuptools", "pkg_resources", "distutils",
          "_distutils_hack", "brotli", "_brotli", "brotlicffi")
EXCLUDES = SERVER_ONLY + UNUSED

# The app's own packages, every module: feature faces (core/faces.py) import their modules by name.
CODE_PACKAGES = ("handbook_desktop", "sync")

# Imported by name at run time, invisible to PyInstaller's analysis: pyttsx3 loads its driver with
# importlib, and the SAPI5 driver (Windows) drives the voices through comtypes and pywin32.
HIDDEN_IMPORTS = ("pyttsx3.drivers", "pyttsx3.drivers.espeak", "pyttsx3.drivers.sapi5", "comtypes",
                  "comtypes.client", "pythoncom", "pywintypes", "win32com", "win32com.client")


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every resource and every piece of package data."""
    pairs = [(str(path), str(path.parent.relative_to(root)))
             for path in sorted((root / "resources").rglob("*")) if path.is_file()]
    for folder, pattern in PACKAGE_DATA:
        pairs += [(str(path), str(path.parent.relative_to(root)))
                  for path in sorted((root / folder).glob(pattern)) if path.is_file()]
    return pairs


def version(root: Path = ROOT) -> str:
    """The version in handbook_desktop/__init__.py, read without importing the package."""
    for line in (root / "handbook_desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError("no __version__ in handbook_desktop/__init__.py")


if __name__ == "__main__":  # build-linux.sh asks for the version
    print(version())
