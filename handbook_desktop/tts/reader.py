"""A reading session: a document read aloud sentence by sentence, no GUI.

The GUI player asks ``next_clip()`` for the sentence to play, highlights
``clip.sentence`` (paragraph index and character span in the text it shows)
and plays ``clip.path``; meanwhile a background thread has the single worker
synthesize the next sentences. Text is normalized one sentence at a time, when
its turn comes, so the first sound is ready after one sentence of work however
long the document is. Voice, rate and position changes apply from the next
clip handed out; the clip playing is not touched.
"""

from __future__ import annotations

import bisect
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook_desktop.tts.audio import wav_info
from handbook_desktop.tts.engine import DEFAULT_RATE, EngineClosed, SpeechEngine, check_rate
from handbook_desktop.tts.normalize import normalize, split_sentences
from handbook_desktop.tts.tables import SpeechTables, load_tables
from handbook_desktop.tts.voices import Voice

# Longer "sentences" (long lists joined by ";") are cut at ";", ":" or "," so the
# highlight keeps moving and no engine ever gets a page-long text.
MAX_SENTENCE_CHARS = 400
KEEP_PLAYED = 2  # clip files kept after being handed out: the one playing and the one before


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int  # index into the paragraphs the session was given
    start: int  # character span in that paragraph: paragraphs[paragraph][start:end]
    end: int
    offset: int  # start counted from the beginning of the document, for fractions


@dataclass(frozen=True)
class Clip:
    sentence: Sentence
    text: str  # exactly what was spoken (normalized)
    path: Path  # a complete WAV; deleted a little after the next clips are handed out
    duration: float  # seconds
    voice: Voice
    rate: int


# ---- sentences and their place in the text --------------------------------------


def sentence_spans(paragraphs: Sequence[str]) -> list[Sentence]:
    """Every speakable sentence with its paragraph and character span."""
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        text, original = _nfc_with_positions(paragraph)
        cursor = 0
        for piece in split_sentences(text):
            start = text.find(piece, cursor)
            if start < 0:  # split_sentences returns stripped slices, so this cannot happen
                continue
            cursor = start + len(piece)
            for low, high in _cut_long(text, start, cursor):
                if any(char.isalnum() for char in text[low:high]):
                    sentences.append(Sentence(len(sentences), number, original[low], original[high],
                                              offset + original[low]))
        offset += len(paragraph) + 1
    return sentences


def spoken_sentences(paragraphs: Sequence[str], tables: SpeechTables | None = None,
                     ) -> Iterator[tuple[Sentence, str]]:
    """Each sentence with the text spoken for it; sentences with nothing to say are left out."""
    for sentence in sentence_spans(paragraphs):
        text = normalize(paragraphs[sentence.paragraph][sentence.start:sentence.end], tables)
        if text:
            yield sentence, text


def user_tables(data_dir: Path) -> SpeechTables:
    """The built-in speech tables with the user's (``<data folder>/speech/*.tsv``) over them."""
    return load_tables(data_dir)


def _nfc_with_positions(paragraph: str) -> tuple[str, list[int]]:
    """NFC text (what split_sentences works on) and, per NFC index, the index in ``paragraph``."""
    if unicodedata.is_normalized("NFC", paragraph):
        return paragraph, list(range(len(paragraph) + 1))
    text, original, cluster_start = [], [], 0
    # Normalize cluster by cluster (a base letter and its combining marks), so that
    # every NFC character can be traced back to where its cluster began.
    for index in range(1, len(paragraph) + 1):
        if index == len(paragraph) or not unicodedata.combining(paragraph[index]):
            cluster = unicodedata.normalize("NFC", paragraph[cluster_start:index])
            text.append(cluster)
            original += [cluster_start] * len(cluster)
            cluster_start = index
    return "".join(text), original + [len(paragraph)]


def _cut_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start:start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(mark) for mark in ("; ", ": "))
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = window.rfind(", ")
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS - 1
        yield start, start + cut + 1
        start += cut + 1
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _document_length(sentences: Sequence[Sentence]) -> int:
    last = sentences[-1]
    return last.offset + (last.end - last.start)


def fraction_for_sentence(sentences: Sequence[Sentence], index: int) -> float:
    """How far into the text (by characters, 0..1) sentence ``index`` starts."""
    if not sentences or index <= 0:
        return 0.0
    if index >= len(sentences):
        return 1.0
    return sentences[index].offset / _document_length(sentences)


def sentence_for_fraction(sentences: Sequence[Sentence], fraction: float) -> int:
    """The sentence under ``fraction`` of the text; inverse of ``fraction_for_sentence``."""
    if not sentences:
        return 0
    target = min(max(fraction, 0.0), 1.0) * _document_length(sentences)
    offsets = [sentence.offset for sentence in sentences]
    # Offsets are integers at least 1 apart: half a character absorbs float rounding.
    return min(max(bisect.bisect_right(offsets, target + 0.5) - 1, 0), len(sentences) - 1)


# ---- the session -------------------------------------------------------------------


class ReadingSession:
    """Sentences of one text, synthesized ahead of playback by one background thread.

    Blocks briefly while it starts (the worker and the voice list): build it
    off the GUI thread. Raises NoVietnameseVoice/UnknownVoice there and then.
    """

    def __init__(self, paragraphs: Sequence[str], engine: SpeechEngine, *, voice: Voice | str = "",
                 rate: int = DEFAULT_RATE, position: int = 0, prefetch: int = 2,
                 tables: SpeechTables | None = None):
        engine.start()  # the worker boots while the text is split
        self.paragraphs = list(paragraphs)
        self.sentences = sentence_spans(self.paragraphs)
        self._engine = engine
        self._tables = tables
        self._voice = voice if isinstance(voice, Voice) else engine.choose_voice(voice)
        self._rate = check_rate(rate)
        self._prefetch = max(1, prefetch)
        self._spoken: dict[int, str] = {}
        self._ready: dict[int, Clip | None | Exception] = {}  # None: nothing to say there
        self._played: list[Clip] = []
        self._generation = 0  # bumped by voice/rate changes: older results are thrown away
        self._position = self._clamp(position)
        self._current: int | None = None
        self._closed = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._prefetch_loop, daemon=True, name="tts-prefetch")
        self._thread.start()

    # ---- what the player reads ------------------------------------------------------

    def next_clip(self, timeout: float | None = None) -> Clip | None:
        """The clip at ``position`` (waiting for it if needed), then position moves on.

        None at the end of the text. A synthesis error is raised here and the
        position stays, so calling again retries that sentence.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._wake:
            while True:
                if self._closed:
                    raise EngineClosed("reading session closed")
                index = self._position
                if index >= len(self.sentences):
                    return None
                if index in self._ready:
                    result = self._ready.pop(index)
                    self._wake.notify_all()
                    if isinstance(result, Exception):
                        raise result
                    self._position = index + 1
                    if result is not None:
                        return self._hand_out(result)
                    continue
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError(f"sentence {index} not ready after {timeout} s")
                self._wake.wait(remaining)

    def __iter__(self) -> Iterator[Clip]:
        while (clip := self.next_clip()) is not None:
            yield clip

    def spoken_text(self, index: int) -> str:
        """Sentence ``index`` exactly as it will be spoken ("" when there is nothing to say)."""
        if index not in self._spoken:
            sentence = self.sentences[index]
            original = self.paragraphs[sentence.paragraph][sentence.start:sentence.end]
            self._spoken[index] = normalize(original, self._tables)
        return self._spoken[index]

    # ---- position, voice and rate -------------------------------------------------

    @property
    def position(self) -> int:
        """Index of the sentence the next ``next_clip()`` returns."""
        return self._position

    @position.setter
    def position(self, index: int) -> None:
        with self._wake:
            self._position = self._clamp(index)
            self._discard_ready(keep=range(self._position, self._position + self._prefetch))
            self._wake.notify_all()

    @property
    def current(self) -> int | None:
        """Index of the sentence last handed out (the one playing), None before the first."""
        return self._current

    def skip(self, delta: int) -> int:
        """Move ``delta`` sentences from the one playing (0 = read it again); returns the new position."""
        base = self._current if self._current is not None else self._position
        self.position = base + delta
        return self._position

    @property
    def fraction(self) -> float:
        """Where listening stands, 0..1 by characters: the value to remember per document."""
        index = self._current if self._current is not None else self._position
        return fraction_for_sentence(self.sentences, index)

    def seek_fraction(self, fraction: float) -> int:
        self.position = sentence_for_fraction(self.sentences, fraction)
        return self._position

    @property
    def voice(self) -> Voice:
        return self._voice

    @voice.setter
    def voice(self, voice: Voice | str) -> None:
        chosen = voice if isinstance(voice, Voice) else self._engine.choose_voice(voice)
        self._change(voice=chosen)

    @property
    def rate(self) -> int:
        return self._rate

    @rate.setter
    def rate(self, rate: int) -> None:
        self._change(rate=check_rate(rate))

    def _change(self, voice: Voice | None = None, rate: int | None = None) -> None:
        with self._wake:
            self._voice = voice or self._voice
            self._rate = rate or self._rate
            self._generation += 1
            self._discard_ready(keep=range(0))
            self._wake.notify_all()

    # ---- closing ----------------------------------------------------------------

    def close(self) -> None:
        """Stop prefetching and delete this session's files (the engine stays open)."""
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._thread.join()
        with self._wake:
            self._discard_ready(keep=range(0))
            for clip in self._played:
                clip.path.unlink(missing_ok=True)
            self._played.clear()

    def __enter__(self) -> ReadingSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ---- inside ---------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return min(max(int(index), 0), max(len(self.sentences) - 1, 0))

    def _hand_out(self, clip: Clip) -> Clip:
        self._current = clip.sentence.index
        self._played.append(clip)
        while len(self._played) > KEEP_PLAYED:
            self._played.pop(0).path.unlink(missing_ok=True)
        return clip

    def _discard_ready(self, keep: range) -> None:
        for index in [index for index in self._ready if index not in keep]:
            result = self._ready.pop(index)
            if isinstance(result, Clip):
                result.path.unlink(missing_ok=True)

    def _next_job(self) -> int | None:
        end = min(self._position + self._prefetch, len(self.sentences))
        return next((index for index in range(self._position, end) if index not in self._ready), None)

    def _prefetch_loop(self) -> None:
        while True:
            with self._wake:
                while not self._closed and (index := self._next_job()) is None:
                    self._wake.wait()
                if self._closed:
                    return
                generation, voice, rate = self._generation, self._voice, self._rate
            result = self._make_clip(index, voice, rate)
            with self._wake:
                wanted = self._position <= index < self._position + self._prefetch
                if not self._closed and generation == self._generation and wanted:
                    self._ready[index] = result
                    self._wake.notify_all()
                elif isinstance(result, Clip):
                    result.path.unlink(missing_ok=True)

    def _make_clip(self, index: int, voice: Voice, rate: int) -> Clip | None | Exception:
        try:
            text = self.spoken_text(index)
            if not text:
                return None
            path = self._engine.synthesize(text, voice, rate, attempts=2)
            return Clip(self.sentences[index], text, path, wav_info(path).duration, voice, rate)
        except Exception as exc:  # handed to the player by next_clip, which raises it
            return exc
