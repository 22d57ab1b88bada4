"""The speech worker: a child process that alone owns the speech engines.

Run as ``python -m handbook_desktop.tts.worker --backends espeak,pyttsx3
[--espeak PATH]``. It reads one JSON request per line on stdin and answers
each with one JSON line on stdout, strictly in order, one at a time:

    {"id": 7, "op": "voices"}
        -> {"id": 7, "ok": true, "voices": [{backend, id, name, languages}], "problems": [..]}
    {"id": 8, "op": "synthesize", "backend": "espeak", "voice": "vi", "rate": 160,
     "text": "...", "out": "/tmp/x.wav", "timeout": 30}
        -> {"id": 8, "ok": true, "path": "/tmp/x.wav", "sample_rate": 22050, "frames": 12345}
    {"id": 9, "op": "ping"} -> {"id": 9, "ok": true, "pid": 4242}

A failed request answers ``{"id": .., "ok": false, "error": ".."}``; a crash
ends the process, which the app sees as end of file (``engine.py``).
JSON is written with ASCII escapes, so the pipe's encoding never matters.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO

from handbook_desktop.tts.backends import BackendUnavailable, make_backend

# The first argument that makes a frozen build's executable run this worker instead of the app.
FROZEN_FLAG = "--speech-worker"


class Worker:
    def __init__(self, backend_names: list[str], espeak: str | None):
        self.backend_names = backend_names
        self.espeak = espeak
        self._backends: dict[str, object] = {}

    def backend(self, name: str):
        """Made on first use: pyttsx3's start-up costs time and may fail."""
        if name not in self.backend_names:
            raise BackendUnavailable(f"back end {name!r} not enabled")
        if name not in self._backends:
            self._backends[name] = make_backend(name, self.espeak)
        return self._backends[name]

    def handle(self, request: dict) -> dict:
        op = request.get("op")
        if op == "ping":
            return {"pid": os.getpid()}
        if op == "voices":
            return self.voices()
        if op == "synthesize":
            out = Path(request["out"])
            info = self.backend(request["backend"]).synthesize(
                request["text"], request["voice"], int(request["rate"]), out, float(request.get("timeout", 30)))
            return {"path": str(out), "sample_rate": info.sample_rate, "frames": info.frames}
        raise ValueError(f"unknown op {op!r}")

    def voices(self) -> dict:
        voices, problems = [], []
        for name in self.backend_names:
            try:
                voices += [voice.to_json() for voice in self.backend(name).voices()]
            except Exception as exc:  # one broken back end must not hide the other's voices
                problems.append(f"{name}: {exc}")
        return {"voices": voices, "problems": problems}


def serve(worker: Worker, requests: IO[str], replies: IO[str]) -> None:
    for line in requests:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            reply = {"id": request_id, "ok": True, **worker.handle(request)}
        except Exception as exc:  # the app decides what a failure means; the worker keeps serving
            reply = {"id": request_id, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook_desktop.tts.worker")
    parser.add_argument("--backends", default="espeak")
    parser.add_argument("--espeak", default=None)
    args = parser.parse_args(argv)
    # The protocol gets its own copy of stdout; fd 1 then points at stderr, so
    # whatever an engine prints ("Audio saved to ...") cannot corrupt a reply.
    # Raw fds 0-2: under pythonw.exe sys.stdout may be None even though the pipes exist.
    replies = os.fdopen(os.dup(1), "w", encoding="ascii", newline="\n")
    os.dup2(2, 1)
    requests = open(0, encoding="ascii", errors="replace", closefd=False)
    serve(Worker([name for name in args.backends.split(",") if name], args.espeak), requests, replies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
