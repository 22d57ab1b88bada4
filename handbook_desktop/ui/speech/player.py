"""Plays a reading session sentence by sentence, so the reader can highlight each one.

Synthesis runs off the GUI thread (the session already prefetches the next sentences);
QtMultimedia plays each clip. Where there is no audio device (a headless machine) the
clip's own duration paces the reading instead of the player's end-of-media signal, so the
same code runs in tests with the real engine.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.reader import Clip, ReadingSession, sentence_for_fraction, sentence_spans
from handbook_desktop.tts.tables import SpeechTables
from handbook_desktop.i18n import _
from handbook_desktop.ui.taskrunner import TaskRunner

CLIP_TIMEOUT_S = 20


class SpeechPlayer(QObject):
    sentence_started = Signal(object)  # tts.reader.Sentence
    state_changed = Signal(str)  # loading | playing | paused | stopped
    failed = Signal(object)  # exception

    def __init__(self, engine: Callable[[], SpeechEngine], tasks: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._engine, self.tasks = engine, tasks
        self.session: ReadingSession | None = None
        self.state = "stopped"
        self._generation = 0  # ignores clips that arrive after a stop or a skip
        self._player: QMediaPlayer | None = None  # made on first use: loading it costs start-up time
        self._paced = True
        self._pace = QTimer(self, singleShot=True, timeout=self._advance)
        self._clock, self._remaining_ms = QElapsedTimer(), 0

    @property
    def _media(self) -> QMediaPlayer:
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(QAudioOutput(self))
            self._player.mediaStatusChanged.connect(self._on_media_status)
            self._paced = not QMediaDevices.audioOutputs()
        return self._player

    def start(self, paragraphs: Sequence[str], fraction: float = 0.0, voice: str = "", rate: int = 160,
              tables: SpeechTables | None = None) -> None:
        self.stop()
        self._set_state("loading")
        position = sentence_for_fraction(sentence_spans(paragraphs), fraction)
        generation = self._generation

        def open_session(_progress) -> ReadingSession:
            return ReadingSession(paragraphs, self._engine(), voice=voice, rate=rate, position=position, tables=tables)

        self.tasks.run(open_session, title=_("Chuẩn bị đọc"), quiet=True,
                       on_done=lambda session: self._opened(session, generation), on_error=self._fail)

    def pause(self) -> None:
        if self.state == "playing":
            self._media.pause()
            if self._pace.isActive():
                self._remaining_ms = max(0, self._pace.remainingTime())
                self._pace.stop()
            self._set_state("paused")

    def resume(self) -> None:
        if self.state == "paused":
            self._set_state("playing")
            self._media.play()
            if self._paced:
                self._pace.start(self._remaining_ms)

    def stop(self) -> None:
        self._generation += 1
        self._pace.stop()
        if self._player is not None:
            self._player.stop()
        if self.session is not None:
            session, self.session = self.session, None
            session.close()
        self._set_state("stopped")

    def skip(self, delta: int) -> None:
        if self.session is not None:
            self.session.skip(delta)
            self._generation += 1
            self._pace.stop()
            self._media.stop()
            self._set_state("playing")
            self._fetch_next()

    def set_rate(self, rate: int) -> None:
        if self.session is not None:
            self.session.rate = rate

    @property
    def fraction(self) -> float:
        return self.session.fraction if self.session is not None else 0.0

    def _opened(self, session: ReadingSession, generation: int) -> None:
        if generation != self._generation:  # stopped while it was opening
            session.close()
            return
        self.session = session
        self._set_state("playing")
        self._fetch_next()

    def _fetch_next(self) -> None:
        session, generation = self.session, self._generation
        self.tasks.run(lambda _progress: session.next_clip(timeout=CLIP_TIMEOUT_S), title=_("Đọc"), quiet=True,
                       on_done=lambda clip: self._play(clip, generation), on_error=self._fail)

    def _play(self, clip: Clip | None, generation: int) -> None:
        if generation != self._generation or self.session is None:
            return
        if clip is None:
            self.stop()
            return
        self.sentence_started.emit(clip.sentence)
        self._media.setSource(QUrl.fromLocalFile(str(clip.path)))
        self._media.play()
        if self._paced:
            self._pace.start(max(1, round(clip.duration * 1000)))
        if self.state == "paused":  # paused while the clip was on its way
            self._set_state("playing")
            self.pause()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._paced and status == QMediaPlayer.MediaStatus.EndOfMedia and self.state == "playing":
            self._advance()

    def _advance(self) -> None:
        if self.state == "playing" and self.session is not None:
            self._fetch_next()

    def _fail(self, exc: BaseException) -> None:
        self.stop()
        self.failed.emit(exc)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
