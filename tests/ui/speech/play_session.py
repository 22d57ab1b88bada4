"""Run by test_player_playback.py in its own process, against a private PulseAudio server
(PULSE_SERVER): Qt's audio backend connects once per process, so the GUI tests' process,
which has no server, cannot be the one to find it. Plays a two-sentence reading with the
real eSpeak NG engine and prints, as JSON, what the sink and the player did."""

import json
import sys
import time

from PySide6.QtCore import QEventLoop
from PySide6.QtMultimedia import QMediaDevices, QtAudio
from PySide6.QtWidgets import QApplication

from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.voices import ESPEAK
from handbook_desktop.ui.speech.player import SpeechPlayer
from handbook_desktop.ui.taskrunner import TaskRunner

PAUSE_MS = 800


def wait_until(app: QApplication, condition, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait(app: QApplication, ms: int) -> None:
    end = time.monotonic() + ms / 1000
    wait_until(app, lambda: time.monotonic() >= end)


def main() -> None:
    app = QApplication(sys.argv)
    report = {"outputs": [device.description() for device in QMediaDevices.audioOutputs()]}
    engine = SpeechEngine(backends=(ESPEAK,))
    player = SpeechPlayer(lambda: engine, TaskRunner(inline=True))
    started, states, errors = [], [], []
    sinks = []

    def on_sentence(sentence) -> None:
        previous = sinks[-1] if sinks else None
        started.append({"index": sentence.index, "at": time.monotonic(),
                        "previous_sink": previous is not None and previous.state().name,
                        "previous_processed": previous is not None and previous.processedUSecs()})

    player.sentence_started.connect(on_sentence)
    ended = {}

    def on_state(state: str) -> None:
        states.append(state)
        if state == "stopped":
            ended["at"] = time.monotonic()

    player.state_changed.connect(on_state)
    player.failed.connect(lambda exc: errors.append(str(exc)))
    player.start(["Chi bộ họp vào ngày mười lăm hằng tháng, tại hội trường của ủy ban xã.", "Mời các đồng chí đến đúng giờ."])
    wait_until(app, lambda: player.sink is not None or errors)
    sinks.append(player.sink)
    sink = player.sink
    wait_until(app, lambda: sink.processedUSecs() > 300_000)
    player.pause()
    report["paused"] = {"sink": sink.state().name, "pace_timer": player._pace.isActive()}
    before = sink.processedUSecs()
    wait(app, PAUSE_MS)
    report["paused"].update(processed_before=before, processed_after=sink.processedUSecs(),
                            sentences=len(started))
    resumed_at = time.monotonic()
    player.resume()
    report["resumed"] = {"sink": sink.state().name}
    wait_until(app, lambda: len(started) >= 2 or errors)
    report["resumed"]["processed_at_next"] = started[-1]["previous_processed"]
    report["first_sink_after_resume_s"] = started[-1]["at"] - resumed_at
    sinks.append(player.sink)
    last = player.sink
    ended["processed"] = 0

    def drained() -> bool:  # a stopped sink forgets how much it played: watch it while it plays
        if player.state != "stopped":
            ended["processed"] = max(ended["processed"], last.processedUSecs())
        return player.state == "stopped"

    wait_until(app, drained)
    report.update(started=started, states=states, errors=errors, ended=ended)
    engine.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
