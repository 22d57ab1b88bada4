"""The installer's lists, without building (CI builds, installs and smoke-tests the real package).

What the bundle carries (installer/bundle.py), what it drops (installer/prune.py), the scripts'
syntax, and the one piece of the app that exists for the bundle: its executable as speech worker.
"""

import ast
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook_desktop import __version__
from handbook_desktop.core.resources import resource_path
from handbook_desktop.tts import engine, worker

from .conftest import REPO

INSTALLER = REPO / "installer"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _load("bundle")
prune = _load("prune")


def _bundled() -> set[str]:
    """Each bundled data file as its path inside the bundle."""
    return {f"{folder}/{Path(source).name}" for source, folder in bundle.data_files()}


def test_every_resource_is_bundled_where_resource_path_finds_it():
    files = [path for path in (REPO / "resources").rglob("*") if path.is_file()]
    assert {path.parent.name for path in files} >= {"fonts", "templates", "demo", "tts", "icons"}
    missing = [path.relative_to(REPO).as_posix() for path in files
               if path.relative_to(REPO).as_posix() not in _bundled()]
    assert missing == []
    # resources.py looks under ROOT/resources, ROOT being sys._MEIPASS in the bundle
    assert resource_path("fonts").relative_to(REPO).as_posix() == "resources/fonts"


def test_translations_and_migrations_are_bundled_beside_their_package():
    catalogs = [path.relative_to(REPO).as_posix() for path in (REPO / "handbook_desktop").rglob("*.mo")]
    assert catalogs and set(catalogs) <= _bundled()
    assert not any(path.endswith(".po") for path in _bundled())
    migrations = REPO / "handbook_desktop" / "core" / "migrations"
    scripts = [path.relative_to(REPO).as_posix() for path in [migrations / "env.py", *migrations.glob("versions/*.py")]]
    assert len(scripts) > 7 and set(scripts) <= _bundled()


def test_the_desktop_imports_nothing_the_bundle_excludes():
    """Only the server's commands may reach for the server's packages (they run from a checkout)."""
    commands = REPO / "handbook_desktop" / "commands"
    server_side = {commands / "serve.py", commands / "admin.py", *(REPO / "sync" / "server").rglob("*.py")}
    offenders = []
    for path in [*(REPO / "handbook_desktop").rglob("*.py"), *(REPO / "sync").rglob("*.py")]:
        if path in server_side:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            offenders += [f"{path.relative_to(REPO)}: {name}" for name in names
                          if any(name == excluded or name.startswith(excluded + ".") for excluded in bundle.EXCLUDES)]
    assert offenders == []


@pytest.mark.parametrize("path", [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Charts.so.6", "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
    "pillow.libs/libjpeg-6dc8d115.so.62.4.0",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "PySide6/QtPrintSupport.abi3.so",
    "PySide6/QtCharts.abi3.so", "lxml/etree.cpython-311-x86_64-linux-gnu.so",
])
def test_prune_keeps_what_the_app_loads(path):
    assert prune.keep(path, "/venv/site-packages/" + path, platform="linux")


@pytest.mark.parametrize("path", [
    "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "libQt6Pdf.so.6",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/QtOpenGL.abi3.so", "PySide6/QtOpenGL.pyd",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/lib/libavcodec.so.61",
    "PySide6/avcodec-61.dll", "PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
    "PIL/_imagingft.cpython-311-x86_64-linux-gnu.so", "pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0",
])
def test_prune_drops_qt_parts_the_app_never_loads(path):
    assert not prune.keep(path, "C:/venv/" + path, platform="win32")


def test_system_libraries_are_left_to_the_distribution_on_linux_only():
    assert not prune.keep("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", platform="linux")
    assert prune.keep("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", platform="linux")
    assert prune.keep("libffi-8.dll", "C:/Python311/DLLs/libffi-8.dll", platform="win32")


def test_the_spec_builds_from_the_lists():
    spec = (INSTALLER / "handbook.spec").read_text(encoding="utf-8")
    compile(spec, "handbook.spec", "exec")
    for name in ("bundle.data_files()", "bundle.EXCLUDES", "bundle.HIDDEN_IMPORTS", "keep(", "collect_submodules"):
        assert name in spec
    assert {"pyttsx3.drivers.sapi5", "comtypes.client"} <= set(bundle.HIDDEN_IMPORTS)  # SAPI5 voices on Windows
    assert bundle.version() == __version__


@pytest.mark.parametrize("script", ["build-linux.sh", "smoke-test.sh"])
def test_scripts_are_valid_bash(script):
    result = subprocess.run(["bash", "-n", str(INSTALLER / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_icons_exist_in_every_size_and_as_ico():
    icons = REPO / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert (icons / f"{bundle.APP_NAME}-{size}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (icons / f"{bundle.APP_NAME}.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and int.from_bytes(ico[4:6], "little") == 7


def test_a_frozen_app_starts_its_own_executable_as_speech_worker(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert engine.worker_start() == [sys.executable, worker.FROZEN_FLAG]
    monkeypatch.delattr(sys, "frozen")
    assert engine.worker_start()[1:] == ["-m", "handbook_desktop.tts.worker"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_command_line_answers_as_speech_worker_when_asked():
    """What the bundle's executable does when the engine starts it with FROZEN_FLAG."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from handbook_desktop.cli import main; sys.exit(main())",
         worker.FROZEN_FLAG, "--backends", "espeak"],
        input=json.dumps({"id": 1, "op": "ping"}) + "\n", capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["ok"] is True


def test_server_commands_say_the_installed_app_has_no_server(monkeypatch, tmp_path, capsys):
    from handbook_desktop.cli import main

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "sync.server" else real_find_spec(name, *args))
    assert main(["serve", "--data-dir", str(tmp_path)]) == 2
    assert "không kèm máy chủ" in capsys.readouterr().err


def test_the_installed_command_names_itself_in_its_help(monkeypatch, capsys):
    from handbook_desktop.cli import main

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: so-tay-dang-vien")


trim_icu = _load("trim_icu")


@pytest.mark.parametrize("item, wanted", [
    ("vi.res", True), ("coll/vi.res", True), ("coll/ucadata.icu", True), ("en_GB.res", True), ("root.res", True),
    ("zone/pool.res", True), ("lang/res_index.res", True), ("nfkc.nrm", True), ("zoneinfo64.res", True),
    ("ibm-1258_P100-1997.cnv", True), ("brkitr/line.brk", True), ("likelySubtags.res", True),
    ("ja.res", False), ("coll/zh.res", False), ("curr/fr_CA.res", False), ("translit/root.res", False),
    ("unames.icu", False), ("gb18030.cnv", False), ("vec.res", False),
])
def test_icu_trim_keeps_vietnamese_english_and_the_shared_tables(item, wanted):
    assert trim_icu.kept(item) is wanted


@pytest.mark.skipif(not all(shutil.which(tool) for tool in ("icupkg", "gcc", "nm", "readelf")),
                    reason="trim_icu needs icu-devtools, gcc and binutils (.ci/run installs them)")
def test_qt_still_collates_and_names_vietnamese_with_the_trimmed_icu(tmp_path):
    """The real ICU library of the installed PySide6, trimmed, then loaded by Qt in a child process."""
    import PySide6

    original = next(Path(PySide6.__file__).parent.rglob("libicudata.so.*"))
    trimmed = tmp_path / original.name
    shutil.copyfile(original, trimmed)
    before, after = trim_icu.trim(trimmed)
    assert after < before / 3
    probe = ("import functools; from PySide6.QtCore import QCollator, QLocale, QStringDecoder; "
             "c = QCollator(QLocale('vi_VN')); "
             "print(sorted(['Đặng', 'Dương', 'ăn', 'Anh', 'Ân', 'ư', 'u'], key=functools.cmp_to_key(c.compare))); "
             "print(QLocale('vi_VN').toUpper('đảng cộng sản'), QLocale('vi_VN').monthName(3), "
             "QLocale('vi_VN').nativeLanguageName()); "
             "print('Shift_JIS', QStringDecoder('Shift_JIS').isValid())")  # left out: proves the trimmed one loaded
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8",
                         env={"LD_PRELOAD": str(trimmed), "PATH": "/usr/bin:/bin"}, check=True)
    assert run.stdout.splitlines() == ["['Anh', 'ăn', 'Ân', 'Dương', 'Đặng', 'u', 'ư']",
                                       "ĐẢNG CỘNG SẢN tháng 3 Tiếng Việt", "Shift_JIS False"]


def test_the_app_uses_only_the_multimedia_classes_that_need_no_media_back_end():
    """prune.py leaves Qt's FFmpeg back end out of the bundle: QMediaPlayer or a capture session
    would find no back end there, while QAudioSink and QMediaDevices live in QtMultimedia itself."""
    without_back_end = {"QAudioSink", "QAudioSource", "QAudioFormat", "QAudioDevice", "QMediaDevices", "QtAudio",
                        "QSoundEffect"}
    used = set()
    for path in (REPO / "handbook_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtMultimedia":
                used |= {alias.name for alias in node.names}
    assert used and used <= without_back_end
