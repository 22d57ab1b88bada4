"""Declared, typed, versioned settings (after Picard): one place says what exists.

Stored as JSON in the data folder. A value of the wrong type or outside its choices
reads as the default; a file that cannot be parsed is kept aside, never overwritten.
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple = ()
    bounds: tuple | None = None  # (lowest, highest) allowed, both included

    def coerce(self, raw: Any) -> Any:
        if self.type is float and isinstance(raw, int) and not isinstance(raw, bool):
            raw = float(raw)
        if not isinstance(raw, self.type) or (self.choices and raw not in self.choices):
            return self.default
        if self.type is not bool and isinstance(raw, bool):  # bool is an int to isinstance
            return self.default
        if self.bounds and not self.bounds[0] <= raw <= self.bounds[1]:
            return self.default
        return raw


FONT_SCALE = Setting("ui/font_scale", float, 1.0, N_("Cỡ chữ"), (1.0, 1.25, 1.5, 2.0))
LANGUAGE = Setting("ui/language", str, DEFAULT_LANGUAGE, N_("Ngôn ngữ"), tuple(LANGUAGES))
SERVER_URL = Setting("sync/server_url", str, "", N_("Địa chỉ máy chủ"))
# Minutes between background sync rounds; a no-change round is one small request.
SYNC_INTERVAL = Setting("sync/interval_minutes", int, 5, N_("Tự đồng bộ sau mỗi (phút)"), bounds=(1, 240))
# A voice key ("espeak:vi"), id or name; "" picks the best Vietnamese voice installed.
SPEECH_VOICE = Setting("speech/voice", str, "", N_("Giọng đọc"))
# Words per minute; 160 is a calm pace for elderly listeners, eSpeak NG's own default is 175.
SPEECH_RATE = Setting("speech/rate", int, 160, N_("Tốc độ đọc (từ/phút)"), bounds=(80, 300))
ALL_SETTINGS = (FONT_SCALE, LANGUAGE, SERVER_URL, SYNC_INTERVAL, SPEECH_VOICE, SPEECH_RATE)

VERSION = 1
# version -> function that upgrades the raw values dict written by version - 1
UPGRADES: dict[int, Callable[[dict], None]] = {}


class Settings:
    def __init__(self, path: Path):
        self.path = path
        self._values = self._load()

    def reload(self) -> None:
        """Read the file again (it was replaced by a restore)."""
        self._values = self._load()

    def get(self, setting: Setting) -> Any:
        return setting.coerce(self._values.get(setting.key, setting.default))

    def set(self, setting: Setting, value: Any) -> None:
        if setting.coerce(value) != value:
            raise ValueError(f"{setting.key}: invalid value {value!r}")
        self._values[setting.key] = value

    def save(self) -> None:
        """Write atomically, so a crash never leaves half a settings file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")  # another window may save too
        tmp.write_text(json.dumps({"version": VERSION, "values": self._values},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            values, version = dict(data["values"]), int(data["version"])
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError):
            self._keep_broken_file()
            return {}
        for step in range(version + 1, VERSION + 1):
            UPGRADES[step](values)
        return values

    def _keep_broken_file(self) -> None:
        try:
            os.replace(self.path, self.path.with_suffix(".broken.json"))
        except OSError:
            pass


def normalize_server_url(text: str) -> str:
    """Accept an empty value (no server) or an http(s) address; strip a trailing slash."""
    text = text.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Địa chỉ máy chủ \"{url}\" không hợp lệ; hãy nhập dạng "
                                "https://ten-may-chu hoặc http://192.168.1.10:8000.").format(url=text))
    return text.rstrip("/")
