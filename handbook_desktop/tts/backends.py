"""Speech back ends. Used ONLY inside the worker process (``worker.py``).

Each back end lists its voices and turns one sentence into one complete WAV
file. pyttsx3 is imported here and nowhere else: it loads the system engine
into the process, and a crash there must only ever take the worker down.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handbook_desktop.tts.audio import WavInfo, wait_until_complete, wav_info
from handbook_desktop.tts.voices import ESPEAK, PYTTSX3, Voice, hidden_window, list_espeak_voices


class BackendUnavailable(Exception):
    """The back end cannot run on this machine (program or library missing)."""


class EspeakBackend:
    """The ``espeak-ng`` command line: one short-lived process per sentence (~15 ms)."""

    name = ESPEAK

    def __init__(self, command: str | None):
        if not command:
            raise BackendUnavailable("espeak-ng not found")
        self.command = command

    def voices(self) -> list[Voice]:
        return list_espeak_voices(self.command, "vi")

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> WavInfo:
        # Text goes through stdin (-b 1: UTF-8) so that a sentence starting with "-"
        # is never read as an option and no command-line length limit applies.
        command = [self.command, "-b", "1", "-v", voice_id, "-s", str(rate), "-w", str(out)]
        result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=timeout,
                                **hidden_window())
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()
            raise RuntimeError(f"espeak-ng exit {result.returncode}: {message}")
        return wav_info(out)  # espeak-ng has exited, so the file is final: check it once


class Pyttsx3Backend:
    """pyttsx3 on the system engine (SAPI5, NSSpeechSynthesizer, libespeak-ng).

    ``runAndWait`` returns before the file is written and a queued
    ``save_to_file`` drops the earlier ones, so: one sentence per call, then
    wait for a complete file.
    """

    name = PYTTSX3

    def __init__(self) -> None:
        try:
            import pyttsx3
        except ImportError as exc:
            raise BackendUnavailable(f"pyttsx3 missing: {exc}") from exc
        try:
            self._engine = pyttsx3.init()
        except Exception as exc:  # no driver for this system: the worker reports it, it does not die
            raise BackendUnavailable(f"pyttsx3 cannot start: {exc}") from exc

    def voices(self) -> list[Voice]:
        return [Voice(PYTTSX3, str(voice.id), str(voice.name or voice.id),
                      tuple(_language_text(code) for code in (voice.languages or ())))
                for voice in self._engine.getProperty("voices")]

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> WavInfo:
        self._engine.setProperty("voice", voice_id)
        self._engine.setProperty("rate", rate)
        # macOS writes AIFF whatever the name says; afconvert (always there) makes it a WAV.
        target = out.with_suffix(".aiff") if sys.platform == "darwin" else out
        for stale in {target, out}:
            stale.unlink(missing_ok=True)
        self._engine.save_to_file(text, str(target))
        self._engine.runAndWait()
        if target != out:
            _wait_for_stable_size(target, timeout)
            subprocess.run(["afconvert", "-f", "WAVE", "-d", "LEI16", str(target), str(out)],
                           check=True, capture_output=True, timeout=timeout)
            target.unlink(missing_ok=True)
        return wait_until_complete(out, timeout)


def _language_text(code: object) -> str:
    """Old espeak drivers give b"\\x05vi" (a priority byte, then the code)."""
    if isinstance(code, bytes):
        code = code.decode("utf-8", "replace")
    return "".join(char for char in str(code) if char.isprintable()).strip()


def _wait_for_stable_size(path: Path, timeout: float) -> None:
    import time

    deadline, last = time.monotonic() + timeout, -1
    while time.monotonic() < deadline:
        size = os.path.getsize(path) if path.exists() else -1
        if size > 0 and size == last:
            return
        last = size
        time.sleep(0.05)
    raise TimeoutError(f"{path} still growing after {timeout:.0f} s")


def make_backend(name: str, espeak: str | None):
    if name == ESPEAK:
        return EspeakBackend(espeak)
    if name == PYTTSX3:
        return Pyttsx3Backend()
    raise BackendUnavailable(f"unknown back end {name!r}")
