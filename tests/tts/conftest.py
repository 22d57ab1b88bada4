"""Speech tests use the real eSpeak NG; every worker process and thread ends with its test."""

import os
import shutil
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.voices import ESPEAK, Voice


def _espeak_has_vietnamese() -> bool:
    program = shutil.which("espeak-ng")
    if not program:
        return False
    listing = subprocess.run([program, "--voices=vi"], capture_output=True, text=True).stdout
    return " vi " in listing


HAS_ESPEAK = _espeak_has_vietnamese()
needs_espeak = pytest.mark.skipif(
    not HAS_ESPEAK, reason="eSpeak NG with its Vietnamese voices is not installed (apt-get install espeak-ng); "
                           "CI installs it, so these tests run there")
VI = Voice(ESPEAK, "vi", "Vietnamese_(Northern)", ("vi",))
SOUTH = Voice(ESPEAK, "vi-vn-x-south", "Vietnamese_(Southern)", ("vi-vn-x-south",))


def _worker_children() -> list[int]:
    """Our live child processes running the speech worker (Linux /proc; elsewhere none seen)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and state != "Z" and b"handbook_desktop.tts.worker" in command:
            found.append(int(entry.name))
    return found


@pytest.fixture(autouse=True)
def nothing_outlives_the_test():
    yield
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        threads = [t.name for t in threading.enumerate() if t.name.startswith("tts-")]
        workers = _worker_children() if sys.platform.startswith("linux") else []
        if not threads and not workers:
            return
        time.sleep(0.05)
    pytest.fail(f"left running after the test: threads {threads}, worker processes {workers}")


@pytest.fixture
def engine():
    speech = SpeechEngine(backends=(ESPEAK,))
    yield speech
    speech.close()


def espeak_reference(tmp_path: Path, text: str, voice: str = "vi", rate: int = 160) -> bytes:
    """The PCM frames espeak-ng itself makes for ``text``."""
    target = tmp_path / f"reference-{voice}-{rate}.wav"
    subprocess.run(["espeak-ng", "-b", "1", "-v", voice, "-s", str(rate), "-w", str(target)],
                   input=text.encode("utf-8"), check=True)
    with wave.open(str(target), "rb") as reader:
        return reader.readframes(reader.getnframes())


class FakeEngine:
    """Stands in for SpeechEngine in session logic tests: a tiny WAV per sentence, no process."""

    def __init__(self, folder: Path, fail_on: str | None = None):
        self.folder = folder
        self.fail_on = fail_on
        self.calls: list[tuple[str, str, int]] = []
        self.count = 0
        self.called = threading.Event()

    def start(self) -> None:
        pass

    def choose_voice(self, wanted: str = "") -> Voice:
        return SOUTH if wanted == "vi-vn-x-south" else VI

    def synthesize(self, text, voice, rate, out=None, *, attempts=1) -> Path:
        from handbook_desktop.tts.engine import SpeechError

        self.calls.append((text, voice.id, rate))
        self.called.set()
        if self.fail_on and self.fail_on in text:
            raise SpeechError("simulated failure")
        self.count += 1
        path = self.folder / f"fake-{self.count}.wav"
        with wave.open(str(path), "wb") as writer:
            writer.setparams((1, 2, 22050, 0, "NONE", "not compressed"))
            writer.writeframes(b"\x01\x00" * (len(text) * 100 * 160 // rate))
        return path
