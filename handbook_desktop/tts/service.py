"""One speech engine for the whole window, started on first use and closed on exit.

It needs only the settings (voice, rate) and the user's speech tables: the database is none
of its business.
"""

from pathlib import Path

from handbook_desktop.core import settings as s
from handbook_desktop.core.settings import Settings
from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.tables import SpeechTables, load_tables
from handbook_desktop.tts.voices import Voice, vietnamese_voices


class SpeechService:
    def __init__(self, settings: Settings, data_dir: Path):
        self.settings = settings
        self.data_dir = data_dir
        self._engine: SpeechEngine | None = None

    def engine(self) -> SpeechEngine:
        """Called from worker threads too; the engine itself is thread-safe."""
        if self._engine is None:
            self._engine = SpeechEngine()
        return self._engine

    def tables(self) -> SpeechTables:
        """Read again at each reading, so that a table the user edited counts at once."""
        return load_tables(self.data_dir)

    def voice(self) -> str:
        return self.settings.get(s.SPEECH_VOICE)

    def rate(self) -> int:
        return self.settings.get(s.SPEECH_RATE)

    def remember_rate(self, rate: int) -> None:
        self.settings.set(s.SPEECH_RATE, rate)
        self.settings.save()

    def voices(self) -> list[Voice]:
        return vietnamese_voices(self.engine().voices())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None
