"""WAV files the speech engine writes: is one complete, what is in it.

Engines write the RIFF header's sizes last (pyttsx3's ``runAndWait`` even
returns before the file exists), so a file is used only once its header is
filled in and its data chunk holds every frame the header announces.
"""

from __future__ import annotations

import os
import time
import wave
from dataclasses import dataclass
from pathlib import Path

UNFILLED_SIZES = (0, 0xFFFFFFFF, 0x7FFFFFFF)  # placeholders writers use until they close the file


class IncompleteAudio(Exception):
    """The file is missing, still being written or not a PCM WAV."""


@dataclass(frozen=True)
class WavInfo:
    sample_rate: int
    channels: int
    sample_width: int  # bytes per sample
    frames: int

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    @property
    def format(self) -> tuple[int, int, int]:
        """What two files must share to be joined without conversion."""
        return self.sample_rate, self.channels, self.sample_width


def wav_info(path: str | Path) -> WavInfo:
    """Parse and check ``path``; raise IncompleteAudio unless it is a complete WAV."""
    return read_frames(path)[0]


def read_frames(path: str | Path) -> tuple[WavInfo, bytes]:
    """The format and every frame of a complete WAV (IncompleteAudio otherwise), in one read."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as file:
            head = file.read(12)
    except OSError as exc:
        raise IncompleteAudio(f"{path}: {exc}") from exc
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise IncompleteAudio(f"{path}: no RIFF/WAVE header")
    riff_size = int.from_bytes(head[4:8], "little")
    if riff_size in UNFILLED_SIZES or riff_size + 8 > size:
        raise IncompleteAudio(f"{path}: header not filled in yet ({riff_size + 8} > {size} bytes)")
    try:
        with wave.open(str(path), "rb") as reader:
            info = WavInfo(reader.getframerate(), reader.getnchannels(), reader.getsampwidth(),
                           reader.getnframes())
            data = reader.readframes(info.frames)
    except (wave.Error, EOFError, OSError) as exc:
        raise IncompleteAudio(f"{path}: {exc}") from exc
    if info.frames <= 0 or len(data) != info.frames * info.channels * info.sample_width:
        raise IncompleteAudio(f"{path}: data chunk shorter than its header says")
    return info, data


def wait_until_complete(path: str | Path, timeout: float, poll: float = 0.02) -> WavInfo:
    """Wait until ``path`` is a complete WAV whose size has stopped changing."""
    deadline = time.monotonic() + timeout
    last_size, problem = -1, "not written"
    while True:
        try:
            size = os.path.getsize(path)
            info = wav_info(path)
            if size == last_size:
                return info
        except OSError as exc:
            size, problem = -1, str(exc)
        except IncompleteAudio as exc:
            problem = str(exc)
        last_size = size
        if time.monotonic() >= deadline:
            raise IncompleteAudio(f"{path}: still incomplete after {timeout:.0f} s ({problem})")
        time.sleep(poll)


def silence(info: WavInfo, seconds: float) -> bytes:
    """PCM silence in the format of ``info`` (8-bit WAV is unsigned: silence is 0x80)."""
    frames = round(info.sample_rate * seconds)
    zero = b"\x80" if info.sample_width == 1 else b"\x00" * info.sample_width
    return zero * (frames * info.channels)
