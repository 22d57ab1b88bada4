"""One speech engine for the whole window, started on first use and closed on exit."""

from handbook_desktop.core import settings as s
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.tts.engine import SpeechEngine
from handbook_desktop.tts.voices import Voice, vietnamese_voices


class SpeechService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._engine: SpeechEngine | None = None

    def engine(self) -> SpeechEngine:
        """Called from worker threads too; the engine itself is thread-safe."""
        if self._engine is None:
            self._engine = SpeechEngine()
        return self._engine

    def voice(self) -> str:
        return self.workspace.settings.get(s.SPEECH_VOICE)

    def rate(self) -> int:
        return self.workspace.settings.get(s.SPEECH_RATE)

    def voices(self) -> list[Voice]:
        return vietnamese_voices(self.engine().voices())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None
