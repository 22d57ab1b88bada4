"""A whole text to one audio file, for listening on a phone.

Sentences are synthesized one by one through the single worker and joined
with short pauses (same format throughout). The file is written beside the
target under a temporary name and renamed at the end, so a cancel or an error
never leaves half a file. WAV is written with ``wave``; MP3 and OGG by an
encoder found on PATH (lame, oggenc, ffmpeg or sox) that is fed raw PCM while
the next sentences are synthesized, so encoding costs little extra time on a
machine with two cores.
"""

from __future__ import annotations

import errno
import functools
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook_desktop.core.errors import UserError, is_disk_full, low_on_space
from handbook_desktop.core.progress import Progress
from handbook_desktop.i18n import _
from handbook_desktop.tts.audio import WavInfo, read_frames, silence
from handbook_desktop.tts.engine import DEFAULT_RATE, SpeechEngine, SpeechError, check_rate
from handbook_desktop.tts.reader import spoken_sentences
from handbook_desktop.tts.tables import SpeechTables
from handbook_desktop.tts.voices import Voice, hidden_window

SENTENCE_PAUSE = 0.25  # seconds of silence between sentences
PARAGRAPH_PAUSE = 0.6  # and between paragraphs
FORMATS = ("wav", "mp3", "ogg")
# Encoders by preference; sox only counts if it was built with that format.
ENCODERS = {"mp3": ("lame", "ffmpeg", "sox"), "ogg": ("oggenc", "ffmpeg", "sox")}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str  # "wav", "mp3" or "ogg"
    sentences: int  # sentences spoken
    duration: float  # seconds of audio
    sample_rate: int
    voice: Voice


# ---- encoders ----------------------------------------------------------------------


@functools.cache
def _sox_formats(sox: str) -> frozenset[str]:
    try:
        help_text = subprocess.run([sox, "-h"], capture_output=True, timeout=10, **hidden_window()).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    for line in help_text.decode("utf-8", "replace").splitlines():
        if line.startswith("AUDIO FILE FORMATS:"):
            return frozenset(line.split(":", 1)[1].split())
    return frozenset()


def _encoder(fmt: str) -> tuple[str, str] | None:
    """(program name, path) of the first usable encoder for ``fmt``."""
    for name in ENCODERS.get(fmt, ()):
        path = shutil.which(name)
        if path and (name != "sox" or fmt in _sox_formats(path)):
            return name, path
    return None


def available_formats() -> tuple[str, ...]:
    """Formats export can write on this machine; WAV always."""
    return ("wav",) + tuple(fmt for fmt in FORMATS[1:] if _encoder(fmt))


def _encode_command(encoder: tuple[str, str], fmt: str, info: WavInfo, target: Path) -> list[str]:
    """The encoder reading raw 16-bit little-endian PCM of ``info``'s format from stdin."""
    name, program = encoder
    rate, channels = str(info.sample_rate), str(info.channels)
    if name == "lame":
        return [program, "--quiet", "-r", "-s", f"{info.sample_rate / 1000:g}", "--bitwidth", "16", "--signed",
                "--little-endian", "-m", "m" if info.channels == 1 else "j", "-", str(target)]
    if name == "oggenc":
        return [program, "-Q", "-r", "-B", "16", "-C", channels, "-R", rate, "--raw-endianness", "0",
                "-o", str(target), "-"]
    if name == "ffmpeg":
        return [program, "-y", "-loglevel", "error", "-f", "s16le", "-ar", rate, "-ac", channels, "-i", "-",
                "-f", fmt, str(target)]
    return [program, "-t", "raw", "-r", rate, "-e", "signed-integer", "-b", "16", "-c", channels, "-L", "-",
            "-t", fmt, str(target)]  # sox


def _check_format(out: Path) -> tuple[str, tuple[str, str] | None]:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(_("Chỉ xuất được tệp .wav, .mp3 hoặc .ogg, không xuất được “{name}”.").format(name=out.name))
    if fmt == "wav":
        return fmt, None
    encoder = _encoder(fmt)
    if encoder is None:
        names = ", ".join(ENCODERS[fmt])
        raise UserError(_("Máy chưa có chương trình nén {format} ({names}); hiện chỉ xuất được: {formats}. "
                          "Hãy chọn tệp .wav.").format(format=fmt.upper(), names=names,
                                                       formats=", ".join(available_formats())))
    return fmt, encoder


# ---- where the audio goes ----------------------------------------------------------------


class _WavSink:
    def __init__(self, target: Path):
        self.target, self._writer = target, None

    def open(self, info: WavInfo) -> None:
        self._writer = wave.open(str(self.target), "wb")
        self._writer.setparams((info.channels, info.sample_width, info.sample_rate, 0, "NONE", "not compressed"))

    def write(self, frames: bytes) -> None:
        self._writer.writeframes(frames)

    def finish(self) -> None:
        self._writer.close()

    def abort(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()  # writes the header: on a full disk it fails again
            except OSError:
                pass


class _EncoderSink:
    """Raw PCM into an encoder process. A feeder thread writes to its stdin, so the
    next sentences are synthesized while the encoder works (a pipe holds only 64 KB)."""

    def __init__(self, target: Path, fmt: str, encoder: tuple[str, str]):
        self.target, self.fmt, self.encoder = target, fmt, encoder
        self._process: subprocess.Popen | None = None
        self._errors = tempfile.TemporaryFile()  # a file, not a pipe: a chatty encoder never blocks
        self._chunks: queue.Queue = queue.Queue(maxsize=64)  # ~25 MB of speech at most
        self._feeder = threading.Thread(target=self._feed, daemon=True, name="tts-encoder")
        self._broken = False

    def open(self, info: WavInfo) -> None:
        if info.sample_width != 2:
            raise SpeechError(_("Bộ đọc trả về âm thanh {bits} bit; chỉ nén được âm thanh 16 bit, "
                                "hãy xuất tệp .wav.").format(bits=info.sample_width * 8))
        try:
            self._process = subprocess.Popen(_encode_command(self.encoder, self.fmt, info, self.target),
                                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=self._errors, **hidden_window())
        except OSError as exc:
            raise self._failure(str(exc)) from exc
        self._feeder.start()

    def _feed(self) -> None:
        while (chunk := self._chunks.get()) is not None:
            if not self._broken:
                try:
                    self._process.stdin.write(chunk)
                except OSError:  # the encoder died: finish() reports its last words
                    self._broken = True
        try:
            self._process.stdin.close()
        except OSError:
            pass

    def write(self, frames: bytes) -> None:
        if self._broken:
            raise self._failure(self._last_error())
        self._chunks.put(frames)

    def finish(self) -> None:
        self._chunks.put(None)
        self._feeder.join()
        code = self._process.wait()
        if self._broken or code != 0 or not self.target.exists() or self.target.stat().st_size == 0:
            raise self._failure(self._last_error())
        self._errors.close()

    def abort(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._broken = True  # the feeder drops what is left instead of writing to a dead pipe
        if self._feeder.is_alive():
            self._chunks.put(None)
            self._feeder.join()
        self._errors.close()

    def _last_error(self) -> str:
        if self._errors.closed:
            return "?"
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "?"

    def _failure(self, reason: str) -> UserError:
        return UserError(_("Không nén được sang {format} bằng {encoder}: {reason}").format(
            format=self.fmt.upper(), encoder=self.encoder[0], reason=reason))


# ---- export ------------------------------------------------------------------------


def export_audio(paragraphs: Sequence[str], out: str | Path, engine: SpeechEngine, *, voice: Voice | str = "",
                 rate: int = DEFAULT_RATE, progress: Progress | None = None,
                 tables: SpeechTables | None = None) -> ExportResult:
    """Read ``paragraphs`` into ``out`` (.wav, .mp3, .ogg); raises Cancelled after ``progress.cancel()``."""
    out = Path(out)
    fmt, encoder = _check_format(out)
    rate = check_rate(rate)
    voice = voice if isinstance(voice, Voice) else engine.choose_voice(voice)
    progress = progress or Progress()
    part = _temporary_beside(out)
    sink = _WavSink(part) if encoder is None else _EncoderSink(part, fmt, encoder)
    try:
        info, spoken = _write_audio(sink, paragraphs, engine, voice, rate, progress, tables)
        if encoder is not None and low_on_space(part.parent):
            # sox ends with success after a write failed for want of space: a cut file.
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.replace(part, out)
    except BaseException as exc:
        sink.abort()
        # An encoder is another program: its "No space left" comes back as its own words.
        out_of_space = isinstance(exc, UserError) and encoder is not None and low_on_space(part.parent)
        part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_failure(out, exc) from exc
        if out_of_space:
            raise _write_failure(out, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) from exc
        raise
    return ExportResult(out, fmt, spoken, info.duration, info.sample_rate, voice)


def _temporary_beside(out: Path) -> Path:
    """An empty file next to ``out`` (one file system for the rename; the user's umask applies)."""
    if out.is_dir():
        raise UserError(_("“{path}” là một thư mục; hãy cho tên tệp âm thanh.").format(path=out))
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        part.open("xb").close()
    except OSError as exc:
        raise _write_failure(out, exc) from exc
    return part


def _write_failure(out: Path, exc: OSError) -> UserError:
    if is_disk_full(exc):
        return UserError(_("Ổ đĩa đã đầy: chưa ghi được tệp {path}. Hãy giải phóng dung lượng hoặc chọn nơi "
                           "lưu khác.").format(path=out))
    return UserError(_("Không ghi được tệp {path}: {reason}").format(path=out, reason=_os_reason(exc)))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("thư mục chứa tệp không tồn tại")
    if isinstance(exc, PermissionError):
        return _("không có quyền ghi vào thư mục này")
    return str(exc.strerror or exc)


def _write_audio(sink, paragraphs: Sequence[str], engine: SpeechEngine, voice: Voice, rate: int,
                 progress: Progress, tables: SpeechTables | None) -> tuple[WavInfo, int]:
    # Normalized up front (0.1 s for 10 pages) so that progress counts only what is spoken.
    sentences = list(spoken_sentences(paragraphs, tables))
    if not sentences:
        raise UserError(_("Văn bản không có nội dung nào để đọc."))
    first: WavInfo | None = None
    frames_written, paragraph = 0, None
    for done, (sentence, text) in enumerate(sentences):
        progress.report(done, len(sentences), _("Đang đọc câu {done}/{total}").format(
            done=done + 1, total=len(sentences)))
        info, frames = _synthesize_frames(engine, text, voice, rate)
        if first is None:
            sink.open(info)  # the first clip's format is the file's format
            first = info
        elif info.format != first.format:
            raise SpeechError(_("Bộ đọc trả về âm thanh khác định dạng giữa chừng; hãy thử lại."))
        else:
            gap = silence(info, PARAGRAPH_PAUSE if sentence.paragraph != paragraph else SENTENCE_PAUSE)
            sink.write(gap)
            frames_written += len(gap) // (info.channels * info.sample_width)
        sink.write(frames)
        frames_written, paragraph = frames_written + info.frames, sentence.paragraph
    sink.finish()
    progress.report(len(sentences), len(sentences), _("Đã đọc xong"))
    return WavInfo(first.sample_rate, first.channels, first.sample_width, frames_written), len(sentences)


def _synthesize_frames(engine: SpeechEngine, text: str, voice: Voice, rate: int) -> tuple[WavInfo, bytes]:
    clip = engine.synthesize(text, voice, rate, attempts=2)
    try:
        return read_frames(clip)
    finally:
        clip.unlink(missing_ok=True)
