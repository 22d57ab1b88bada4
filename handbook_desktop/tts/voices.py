"""Which installed voices can read Vietnamese, and which one to use.

Voices come from two back ends: the ``espeak-ng`` command line (Linux, or any
system with espeak-ng on PATH) and pyttsx3 (SAPI5 on Windows,
NSSpeechSynthesizer on macOS). pyttsx3 is only ever called inside the speech
worker process (``engine.py``): on Linux it loads libespeak-ng in-process and
can crash it. This module only describes and chooses voices, so both the app
and the worker can import it cheaply.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import N_, _

ESPEAK, PYTTSX3 = "espeak", "pyttsx3"
ESPEAK_ENV = "HANDBOOK_ESPEAK_NG"  # path of espeak-ng when it is not on PATH (a portable copy)
# eSpeak NG's Vietnamese voices, best first: the northern voice is the standard accent.
ESPEAK_PREFERENCE = ("vi", "vi-vn-x-central", "vi-vn-x-south")
ESPEAK_REGIONS = {"vi": N_("miền Bắc"), "vi-vn-x-central": N_("miền Trung"), "vi-vn-x-south": N_("miền Nam")}


@dataclass(frozen=True)
class Voice:
    backend: str  # ESPEAK or PYTTSX3
    id: str  # what the back end takes: "vi" for espeak-ng, a token id for SAPI5
    name: str  # the engine's own name, e.g. "Vietnamese_(Northern)"
    languages: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Unique among all back ends; what the voice setting stores."""
        return f"{self.backend}:{self.id}"

    def to_json(self) -> dict:
        return {"backend": self.backend, "id": self.id, "name": self.name, "languages": list(self.languages)}

    @classmethod
    def from_json(cls, data: dict) -> Voice:
        return cls(data["backend"], data["id"], data["name"], tuple(data.get("languages", ())))


class NoVietnameseVoice(UserError):
    """No installed voice speaks Vietnamese; the message says how to install one."""


class UnknownVoice(UserError):
    """The voice asked for is not installed or does not speak Vietnamese."""


def espeak_command() -> str | None:
    """The espeak-ng program to run, or None when there is none."""
    configured = os.environ.get(ESPEAK_ENV)
    if configured:
        return configured
    return shutil.which("espeak-ng")


def parse_espeak_voices(listing: str) -> list[Voice]:
    """Parse ``espeak-ng --voices[=lang]``: ``Pty Language Age/Gender VoiceName File Other``."""
    voices = []
    for line in listing.splitlines()[1:]:  # the first line is the column header
        parts = line.split()
        if len(parts) >= 5 and parts[0].isdigit():
            voices.append(Voice(ESPEAK, parts[1], parts[3], (parts[1],)))
    return voices


def list_espeak_voices(command: str, language: str = "vi") -> list[Voice]:
    """Voices of the espeak-ng at ``command`` for ``language`` ("" for all)."""
    option = f"--voices={language}" if language else "--voices"
    try:
        listing = subprocess.run([command, option], capture_output=True, timeout=15, check=True,
                                 **hidden_window()).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_espeak_voices(listing)


def hidden_window() -> dict:
    """Keyword arguments that stop Windows from flashing a console for a child process."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NO_WINDOW}
    return {}


def is_vietnamese(voice: Voice) -> bool:
    for language in voice.languages:
        code = language.lower().replace("_", "-")
        if code == "vi" or code.startswith("vi-"):
            return True
    # SAPI5 tokens often carry no language the driver can decode, but say it in
    # their name ("Microsoft An - Vietnamese (Vietnam)") or id ("MSTTS_V110_viVN_An").
    text = f"{voice.name} {voice.id}".lower()
    return "vietnam" in text or "vivn" in text or "vi-vn" in text


def vietnamese_voices(voices: Iterable[Voice]) -> list[Voice]:
    """The Vietnamese voices, best first (espeak's northern voice before the regional ones)."""
    found = [voice for voice in voices if is_vietnamese(voice)]

    def rank(voice: Voice) -> int:
        if voice.backend == ESPEAK and voice.id in ESPEAK_PREFERENCE:
            return ESPEAK_PREFERENCE.index(voice.id)
        return len(ESPEAK_PREFERENCE)

    return sorted(found, key=rank)  # stable: back-end order kept among equals


def choose_voice(voices: Sequence[Voice], wanted: str = "") -> Voice:
    """The voice to read with: ``wanted`` (key, id or name) or the best Vietnamese one.

    Never falls back to a voice of another language: Vietnamese read with an
    English voice is noise to the listener.
    """
    candidates = vietnamese_voices(voices)
    if not candidates:
        raise NoVietnameseVoice(no_voice_message())
    if not wanted.strip():
        return candidates[0]
    needle = wanted.strip().casefold()
    for field in ("key", "id", "name"):
        for voice in candidates:
            if getattr(voice, field).casefold() == needle:
                return voice
    names = ", ".join(voice.id for voice in candidates)
    raise UnknownVoice(_("Không có giọng đọc tiếng Việt “{voice}”; các giọng đã cài: {names}.").format(
        voice=wanted.strip(), names=names))


def no_voice_message(platform: str | None = None) -> str:
    platform = platform or sys.platform
    if platform == "win32":
        how = _("vào Settings → Time & language → Speech (Cài đặt → Thời gian và ngôn ngữ → Giọng nói), "
                "chọn Add voices và thêm tiếng Việt (Vietnamese), rồi mở lại chương trình")
    elif platform == "darwin":
        how = _("vào System Settings → Accessibility → Spoken Content → System voice → Manage Voices "
                "và tải giọng tiếng Việt (Linh)")
    else:
        how = _("mở Terminal và chạy lệnh sudo apt-get install espeak-ng (eSpeak NG có sẵn giọng tiếng Việt)")
    return _("Máy chưa có giọng đọc tiếng Việt nên chưa thể đọc thành tiếng. Cách cài: {how}.").format(how=how)


def voice_label(voice: Voice) -> str:
    """A name for the voice menu: "Tiếng Việt – miền Bắc (eSpeak NG)" or the system's own name."""
    if voice.backend == ESPEAK and voice.id in ESPEAK_REGIONS:
        return _("Tiếng Việt – {region} (eSpeak NG)").format(region=_(ESPEAK_REGIONS[voice.id]))
    return voice.name
