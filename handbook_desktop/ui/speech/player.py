"""Plays a reading session sentence by sentence, so the reader can highlight each one.

Synthesis and reading the WAV run off the GUI thread (the session already prefetches the
next sentences); a QAudioSink plays each clip's PCM, and its going idle (the clip drained)
moves on to the next sentence. QAudioSink needs no media backend plugin, so the FFmpeg one
stays out of the bundle (wav_output.py). Where there is no audio device (a headless
machine) the clip's own duration paces the reading instead, so the same code runs in tests
with the real engine.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioSink, QMediaDevices, QtAudio

from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.reader import Clip, ReadingSession, sentence_for_fraction, sentence_spans
from handbook_desktop.tts.tables import SpeechTables
from handbook_desktop.i18n import _
from handbook_desktop.ui.speech.wav_output import Pcm, UnplayableClip, fit_to_device, read_wav
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
        # one sink per clip (its format is the clip's), made when a clip plays: loading the
        # audio backend costs start-up time; the buffer is what the sink reads, kept alive with it
        self.sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._paced = True
        self._pace = QTimer(self, singleShot=True, timeout=self._advance)
        self._remaining_ms = 0

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
            if self.sink is not None:
                self.sink.suspend()
            if self._pace.isActive():
                self._remaining_ms = max(0, self._pace.remainingTime())
                self._pace.stop()
            self._set_state("paused")

    def resume(self) -> None:
        if self.state == "paused":
            self._set_state("playing")
            if self.sink is not None:
                self.sink.resume()
            if self._paced:
                self._pace.start(self._remaining_ms)

    def stop(self) -> None:
        self._generation += 1
        self._pace.stop()
        self._release_sink()
        if self.session is not None:
            session, self.session = self.session, None
            session.close()
        self._set_state("stopped")

    def skip(self, delta: int) -> None:
        if self.session is not None:
            self.session.skip(delta)
            self._generation += 1
            self._pace.stop()
            self._release_sink()
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
        device = QMediaDevices.defaultAudioOutput()  # asked per clip: a headset may come or go mid-reading

        def next_clip(_progress) -> tuple[Clip | None, Pcm | None]:
            clip = session.next_clip(timeout=CLIP_TIMEOUT_S)
            if clip is None or device.isNull():
                return clip, None
            return clip, fit_to_device(read_wav(clip.path), device)

        self.tasks.run(next_clip, title=_("Đọc"), quiet=True,
                       on_done=lambda result: self._play(*result, device, generation), on_error=self._fail)

    def _play(self, clip: Clip | None, pcm: Pcm | None, device: QAudioDevice, generation: int) -> None:
        if generation != self._generation or self.session is None:
            return
        if clip is None:
            self.stop()
            return
        self.sentence_started.emit(clip.sentence)
        self._paced = pcm is None
        if pcm is None:
            self._pace.start(max(1, round(clip.duration * 1000)))
        elif not self._start_sink(pcm, device):
            return
        if self.state == "paused":  # paused while the clip was on its way
            self._set_state("playing")
            self.pause()

    def _start_sink(self, pcm: Pcm, device: QAudioDevice) -> bool:
        self._release_sink()
        self._buffer = QBuffer(self)
        self._buffer.setData(pcm.data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = self.sink = QAudioSink(device, pcm.format, self)
        # PySide cannot pass QtAudio.State to a Python slot, so the slot asks the sink itself
        sink.stateChanged.connect(lambda: self._on_sink_state(sink))
        sink.start(self._buffer)
        if sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self._fail(self._device_error(device))
            return False
        return True

    def _on_sink_state(self, sink: QAudioSink) -> None:
        if sink is not self.sink:  # a sink we already let go
            return
        state = sink.state()
        if state == QtAudio.State.IdleState and self.state == "playing":  # the clip has drained
            self._advance()
        elif state == QtAudio.State.StoppedState and sink.error() != QtAudio.Error.NoError:
            self._fail(self._device_error(QMediaDevices.defaultAudioOutput()))

    @staticmethod
    def _device_error(device: QAudioDevice) -> UnplayableClip:
        return UnplayableClip(_("Không phát được âm thanh qua thiết bị “{device}”. Hãy kiểm tra loa, tai nghe "
                                "hoặc chọn thiết bị khác trong cài đặt âm thanh của máy.").format(
            device=device.description()))

    def _release_sink(self) -> None:
        sink, buffer, self.sink, self._buffer = self.sink, self._buffer, None, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()  # maybe from inside its own signal
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()

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
