"""The app's side of speech: one worker process, one request at a time.

``SpeechEngine`` starts ``worker.py`` on first use and talks to it over
stdin/stdout in JSON lines. Every engine call runs in that process, never in
the app's: pyttsx3 crashes under threads and on long texts, and the GUI must
survive that. A dead worker (end of file, broken pipe) or one that stops
answering (timeout) is killed and replaced at the next request; the request
that was in flight fails with ``WorkerCrashed`` (callers may retry once with
``attempts=2``). Each output file is checked complete before it is returned.
Thread-safe: the reader's prefetch thread and an export may share one engine.
"""

from __future__ import annotations

import collections
import itertools
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.settings import SPEECH_RATE
from handbook_desktop.i18n import _
from handbook_desktop.tts.audio import IncompleteAudio, wav_info
from handbook_desktop.tts.voices import (ESPEAK, PYTTSX3, UnknownVoice, Voice, choose_voice, espeak_command,
                                         hidden_window, is_vietnamese)
from handbook_desktop.tts.worker import FROZEN_FLAG

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RATE = SPEECH_RATE.default
MIN_RATE, MAX_RATE = SPEECH_RATE.bounds
_EOF = object()


class SpeechError(UserError):
    """The engine could not read a sentence."""


class WorkerCrashed(SpeechError):
    """The worker died or stopped answering; the next request starts a new one."""


def _crashed() -> WorkerCrashed:
    return WorkerCrashed(_("Bộ đọc bị dừng đột ngột; hãy thử lại, bộ đọc sẽ tự khởi động lại."))


class EngineClosed(SpeechError):
    """A request arrived after ``close()`` (a prefetch thread still winding down)."""


def default_backends(platform: str | None = None) -> tuple[str, ...]:
    """Linux: the espeak-ng command line. Elsewhere the system engine first, espeak-ng if installed."""
    platform = platform or sys.platform
    return (ESPEAK,) if platform.startswith("linux") else (PYTTSX3, ESPEAK)


def check_rate(rate: object) -> int:
    """The rate as an int in words per minute, or a UserError saying the allowed range."""
    if isinstance(rate, bool) or not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
        raise UserError(_("Tốc độ đọc phải là một số từ {low} đến {high} (từ mỗi phút).").format(
            low=MIN_RATE, high=MAX_RATE))
    return rate


def worker_start() -> list[str]:
    """A frozen build (PyInstaller) has no `python -m`: its own executable is the worker when asked (cli.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_FLAG]
    return [sys.executable, "-m", "handbook_desktop.tts.worker"]


class _Worker:
    """One running worker process, its reply queue and the tail of its stderr."""

    def __init__(self, command: list[str]):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=env, **hidden_window())
        self.replies: queue.Queue = queue.Queue()
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        self._threads = [threading.Thread(target=self._read_replies, daemon=True, name="tts-replies"),
                         threading.Thread(target=self._drain_stderr, daemon=True, name="tts-stderr")]
        for thread in self._threads:
            thread.start()

    def _read_replies(self) -> None:
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put(_EOF)

    def _drain_stderr(self) -> None:
        # Drained continuously: a full stderr pipe would block the worker forever.
        for line in self.process.stderr:
            self.stderr_tail.append(line.decode("utf-8", "replace").rstrip())

    def send(self, message: dict) -> None:
        self.process.stdin.write(json.dumps(message).encode("ascii") + b"\n")
        self.process.stdin.flush()

    def stop(self, grace: float = 2.0) -> None:
        """Close stdin (the worker's loop ends), kill it if it lingers, join the threads."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for thread in self._threads:
            thread.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            stream.close()


class SpeechEngine:
    """Synthesize sentences to WAV files through a single worker process."""

    def __init__(self, *, backends: Sequence[str] | None = None, espeak: str | None = None,
                 work_dir: str | Path | None = None, timeout: float = 30.0):
        self.backends = tuple(backends or default_backends())
        self.espeak = espeak or espeak_command()
        self.timeout = timeout
        self.restarts = 0  # workers replaced after a crash or a timeout
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._voices: list[Voice] | None = None
        self._ids = itertools.count(1)
        self._clips = itertools.count(1)
        self._own_dir = work_dir is None
        self._work_dir = Path(work_dir) if work_dir else None
        self._closed = False

    # ---- life cycle ----------------------------------------------------------

    def start(self) -> None:
        """Start the worker now (e.g. when the player opens) so the first sentence is quick."""
        with self._lock:
            self._ensure_worker()

    @property
    def pid(self) -> int | None:
        worker = self._worker
        return worker.process.pid if worker else None

    @property
    def work_dir(self) -> Path:
        if self._work_dir is None:
            self._work_dir = Path(tempfile.mkdtemp(prefix="handbook-tts-"))
        return self._work_dir

    def close(self) -> None:
        """Stop the worker (at once, even mid-request) and remove the work folder."""
        self._closed = True
        if not self._lock.acquire(timeout=0.2):
            worker = self._worker
            if worker is not None:
                worker.process.kill()  # the request in flight then ends with WorkerCrashed
            self._lock.acquire()
        try:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
            if self._own_dir and self._work_dir is not None:
                shutil.rmtree(self._work_dir, ignore_errors=True)
                self._work_dir = None
        finally:
            self._lock.release()

    def __enter__(self) -> SpeechEngine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ---- voices --------------------------------------------------------------

    def voices(self, refresh: bool = False) -> list[Voice]:
        """Every voice the enabled back ends report (cached; Vietnamese or not)."""
        if self._voices is None or refresh:
            reply = self._request({"op": "voices"}, self.timeout)
            for problem in reply.get("problems", ()):
                logger.info("Speech back end unavailable: %s", problem)
            self._voices = [Voice.from_json(data) for data in reply["voices"]]
        return list(self._voices)

    def choose_voice(self, wanted: str = "") -> Voice:
        """``wanted`` (key, id or name; "" = automatic) among the Vietnamese voices."""
        return choose_voice(self.voices(), wanted)

    # ---- synthesis -----------------------------------------------------------

    def synthesize(self, text: str, voice: Voice | str = "", rate: int = DEFAULT_RATE,
                   out: str | Path | None = None, *, attempts: int = 1) -> Path:
        """One sentence to a complete WAV file; returns its path.

        ``out`` defaults to a new file in the engine's work folder (removed on
        close). ``attempts=2`` retries once with a fresh worker after a crash.
        """
        rate = check_rate(rate)
        voice = voice if isinstance(voice, Voice) else self.choose_voice(voice)
        if not is_vietnamese(voice):
            raise UnknownVoice(_("Giọng “{voice}” không đọc được tiếng Việt.").format(voice=voice.name))
        text = " ".join(text.split())
        if not text:
            raise ValueError("nothing to say")
        path = Path(out) if out is not None else self.work_dir / f"clip-{next(self._clips)}.wav"
        timeout = self.timeout + len(text) / 100  # long sentences take longer with SAPI5
        message = {"op": "synthesize", "backend": voice.backend, "voice": voice.id, "rate": rate,
                   "text": text, "out": str(path), "timeout": timeout}
        for attempt in range(1, attempts + 1):
            try:
                # A little longer than the worker's own limit, so its error message arrives first.
                self._request(message, timeout * 1.1 + 0.5)
                break
            except WorkerCrashed:
                if attempt == attempts:
                    raise
        try:
            wav_info(path)
        except IncompleteAudio as exc:
            raise SpeechError(_("Bộ đọc không tạo được âm thanh cho câu này ({detail}).").format(detail=exc)) from exc
        return path

    # ---- protocol ------------------------------------------------------------

    def _ensure_worker(self) -> _Worker:
        if self._closed:
            raise EngineClosed(_("Bộ đọc đã đóng."))
        worker = self._worker
        if worker is not None and worker.process.poll() is None:
            return worker
        if worker is not None:
            self._discard(worker, "exited")
        command = worker_start() + ["--backends", ",".join(self.backends)]
        if self.espeak:
            command += ["--espeak", self.espeak]
        self._worker = _Worker(command)
        return self._worker

    def _discard(self, worker: _Worker, why: str) -> None:
        if not self._closed:  # a worker killed by close() is no news
            logger.warning("Speech worker %s %s; stderr: %s", worker.process.pid, why,
                           " | ".join(worker.stderr_tail) or "-")
        worker.process.kill()
        worker.stop(grace=5)
        if self._worker is worker:
            self._worker = None
        self.restarts += 1

    def _request(self, message: dict, timeout: float) -> dict:
        with self._lock:
            worker = self._ensure_worker()
            message = {**message, "id": next(self._ids)}
            try:
                worker.send(message)
                reply = worker.replies.get(timeout=timeout)
            except OSError:
                reply = _EOF  # broken pipe: the worker is gone
            except queue.Empty:
                self._discard(worker, f"did not answer within {timeout:.0f} s")
                raise WorkerCrashed(_("Bộ đọc không trả lời nên đã được dừng; hãy thử lại, "
                                      "bộ đọc sẽ tự khởi động lại.")) from None
            if reply is _EOF:
                self._discard(worker, "died")
                raise _crashed()
            try:
                data = json.loads(reply)
            except ValueError:
                data = {}
            if data.get("id") != message["id"]:
                self._discard(worker, "answered out of order")
                raise _crashed()
        if not data["ok"]:
            raise SpeechError(_("Bộ đọc báo lỗi: {detail}").format(detail=data.get("error", "?")))
        return data
