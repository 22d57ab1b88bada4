"""What the bundle leaves out of what PyInstaller collects (read by handbook.spec).

Qt's hooks collect every plugin and binding of the modules in use; some plugins pull in QML,
Quick, the PDF module or the virtual keyboard, which the app never loads. On Linux the system's
own libraries (X11, GLib, PulseAudio, CUPS, OpenSSL …) come from the distribution: the .deb
depends on their packages (build-linux.sh) instead of carrying private copies, as Debian packages do.
"""

import sys
from pathlib import PurePosixPath

QT = "PySide6/Qt/"
PLUGINS = QT + "plugins/"
DROPPED_FOLDERS = (
    QT + "translations/",  # Qt has no Vietnamese catalog; our dialogs set their own texts
    PLUGINS + "egldeviceintegrations/", PLUGINS + "generic/",  # framebuffer consoles, not desktops
    PLUGINS + "tls/", PLUGINS + "networkinformation/",  # HTTPS and connectivity are plain Python (requests)
    PLUGINS + "platforminputcontexts/libqtvirtualkeyboardplugin",  # pulls QML and Quick
    PLUGINS + "platformthemes/libqgtk3",  # pulls GTK; Qt draws its own dialogs without it
    PLUGINS + "platforms/libqeglfs", PLUGINS + "platforms/libqlinuxfb", PLUGINS + "platforms/libqvnc",
    PLUGINS + "platforms/libqvkkhrdisplay", PLUGINS + "platforms/libqminimalegl",
    PLUGINS + "imageformats/libqpdf", PLUGINS + "imageformats/libqtiff", PLUGINS + "imageformats/libqwebp",
    PLUGINS + "imageformats/libqtga", PLUGINS + "imageformats/libqicns", PLUGINS + "imageformats/libqwbmp",
    "lxml/objectify", "lxml/html/",  # python-docx and openpyxl use lxml.etree only
    "PIL/_avif",  # Pillow skips AVIF when its codec is missing
    # Speech clips are PCM WAV played through QAudioSink (ui/speech/player.py), which lives in
    # QtMultimedia itself: the FFmpeg back end plugin and its libraries (≈ 20 MB) are never loaded.
    PLUGINS + "multimedia/", "PySide6/plugins/multimedia/",  # Linux wheel layout, Windows wheel layout
    # reportlab imports PIL.Image, whose core (_imaging) decodes PNG and JPEG; Pillow's font, colour
    # management, WebP and Tk modules and their libraries are never loaded (reportlab embeds our TTFs itself).
    "PIL/_imagingft", "PIL/_imagingcms", "PIL/_webp", "PIL/_imagingtk",
    "pillow.libs/libfreetype", "pillow.libs/libharfbuzz", "pillow.libs/libpng16", "pillow.libs/libbrotli",
    "pillow.libs/liblcms2", "pillow.libs/libwebp", "pillow.libs/libsharpyuv",
)
# By file name, wherever PyInstaller puts them (Qt's lib folder and links beside the executable).
DROPPED_NAMES = (
    "libQt6Qml", "libQt6Quick", "libQt6VirtualKeyboard", "libQt6Pdf", "libQt6EglFs", "libQt6EglFS", "libavif",
    # Python bindings collected as dependencies of QtCharts and QtMultimedia but never imported
    "QtOpenGL.", "QtOpenGLWidgets.", "QtConcurrent.", "QtDBus.", "QtMultimediaWidgets.",
    # FFmpeg, wherever the Qt hooks put it (Linux .so, Windows .dll)
    "libavcodec", "libavformat", "libavutil", "libswresample", "libswscale", "libQt6FFmpegStub",
    "avcodec-", "avformat-", "avutil-", "swresample-", "swscale-", "libQt6MultimediaWidgets", "Qt6MultimediaWidgets",
)
SYSTEM_LIBRARIES = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def keep(bundle_path: str, source: str, platform: str = sys.platform) -> bool:
    path = bundle_path.replace("\\", "/")
    name = PurePosixPath(path).name
    if path.startswith(DROPPED_FOLDERS) or name.startswith(DROPPED_NAMES):
        return False
    system_library = platform.startswith("linux") and source.startswith(SYSTEM_LIBRARIES)
    return not system_library or name.startswith("libpython")
