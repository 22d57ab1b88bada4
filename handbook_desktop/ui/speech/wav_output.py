"""Speech clips as raw PCM for QAudioSink: read a WAV, fit it to the output device.

QAudioSink lives in Qt Multimedia itself, so the bundle needs no media backend plugin
(FFmpeg, ~20 MB); the price is that reading the file is ours. Clips are short PCM
sentences (eSpeak NG, SAPI5): the wave module reads them, and the little it cannot read
(WAVE_FORMAT_EXTENSIBLE, float samples) is read from the RIFF chunks directly. Samples
stay in the machine's byte order, little-endian on every platform we ship (as in WAV).
"""

import array
import struct
import wave
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtMultimedia import QAudioDevice, QAudioFormat

from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _

Sample = QAudioFormat.SampleFormat
# WAV stores 8-bit samples unsigned and wider ones signed, as these Qt formats do
_PCM_BY_WIDTH = {1: Sample.UInt8, 2: Sample.Int16, 4: Sample.Int32}
_ARRAY = {Sample.UInt8: ("B", 128, 128), Sample.Int16: ("h", 0, 32768),  # typecode, zero, full scale
          Sample.Int32: ("i", 0, 2147483648), Sample.Float: ("f", 0, 1)}
_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE


@dataclass(frozen=True)
class Pcm:
    format: QAudioFormat
    data: bytes


class UnplayableClip(UserError):
    """A clip the computer cannot play: a damaged file or a format no device takes."""


def audio_format(rate: int, channels: int, sample: QAudioFormat.SampleFormat) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(sample)
    return fmt


def read_wav(path: Path) -> Pcm:
    try:
        try:
            with wave.open(str(path), "rb") as reader:
                rate, channels, width = reader.getframerate(), reader.getnchannels(), reader.getsampwidth()
                data = reader.readframes(reader.getnframes())
            return _pcm(rate, channels, _PCM, width, data)
        except wave.Error:
            return _read_riff(path.read_bytes())
    except (OSError, EOFError, wave.Error, struct.error) as exc:
        raise UnplayableClip(_("Không đọc được tệp âm thanh của câu đang đọc ({name}): tệp bị hỏng.").format(
            name=path.name)) from exc


def _read_riff(raw: bytes) -> Pcm:
    """The WAV variants the wave module refuses: extensible headers and float samples."""
    if raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise wave.Error("not a RIFF WAVE file")
    fmt = data = None
    offset = 12
    while offset + 8 <= len(raw):
        name, size = raw[offset:offset + 4], struct.unpack_from("<I", raw, offset + 4)[0]
        body = raw[offset + 8:offset + 8 + size]
        if name == b"fmt ":
            fmt = body
        elif name == b"data":
            data = body
        offset += 8 + size + size % 2  # chunks are word-aligned
    if fmt is None or data is None:
        raise wave.Error("no fmt or data chunk")
    tag, channels, rate, _byte_rate, block, bits = struct.unpack_from("<HHIIHH", fmt)
    if tag == _EXTENSIBLE:
        tag = struct.unpack_from("<H", fmt, 24)[0]  # the sub-format GUID starts with the plain tag
    width = bits // 8
    return _pcm(rate, channels, tag, width, data[:len(data) - len(data) % max(1, block)])


def _pcm(rate: int, channels: int, tag: int, width: int, data: bytes) -> Pcm:
    if tag == _PCM and width == 3:  # Qt has no 24-bit samples: keep the top two bytes of each
        data = b"".join(data[i + 1:i + 3] for i in range(0, len(data), 3))
        width = 2
    if tag == _PCM and width in _PCM_BY_WIDTH:
        sample = _PCM_BY_WIDTH[width]
    elif tag == _FLOAT and width == 4:
        sample = Sample.Float
    else:
        raise UnplayableClip(_("Tệp âm thanh của câu đang đọc có định dạng không phát được "
                               "(mã {tag}, {bits} bit).").format(tag=tag, bits=width * 8))
    if not rate or not channels:
        raise wave.Error("no sample rate or channels")
    return Pcm(audio_format(rate, channels, sample), data)


def fit_to_device(pcm: Pcm, device: QAudioDevice) -> Pcm:
    """The clip as the device takes it: unchanged if it can, else in the device's preferred format."""
    if device.isFormatSupported(pcm.format):
        return pcm
    preferred = device.preferredFormat()
    if not preferred.isValid() or preferred.sampleFormat() not in _ARRAY or not device.isFormatSupported(preferred):
        raise UnplayableClip(_("Thiết bị âm thanh “{device}” không phát được câu đọc ({rate} Hz, {channels} kênh). "
                               "Hãy chọn thiết bị khác trong cài đặt âm thanh của máy.").format(
            device=device.description(), rate=pcm.format.sampleRate(), channels=pcm.format.channelCount()))
    return convert(pcm, preferred)


def convert(pcm: Pcm, target: QAudioFormat) -> Pcm:
    """Sample format, channel count and rate changed (rate by linear interpolation: clips are short)."""
    source = pcm.format
    tracks = _tracks(pcm)
    wanted = target.channelCount()
    if wanted == 1 and len(tracks) > 1:
        tracks = [[sum(values) / len(values) for values in zip(*tracks)]]
    else:
        tracks = [tracks[min(k, len(tracks) - 1)] for k in range(wanted)]
    if target.sampleRate() != source.sampleRate():
        tracks = [_resample(track, source.sampleRate(), target.sampleRate()) for track in tracks]
    interleaved = [0.0] * (len(tracks[0]) * wanted)
    for k, track in enumerate(tracks):
        interleaved[k::wanted] = track
    typecode, zero, scale = _ARRAY[target.sampleFormat()]
    if typecode == "f":
        out = array.array("f", interleaved)
    else:
        top = zero + scale - 1
        out = array.array(typecode, (min(top, max(zero - scale, round(zero + v * scale))) for v in interleaved))
    return Pcm(audio_format(target.sampleRate(), wanted, target.sampleFormat()), out.tobytes())


def _tracks(pcm: Pcm) -> list[list[float]]:
    """One list of samples in [-1, 1] per channel."""
    typecode, zero, scale = _ARRAY[pcm.format.sampleFormat()]
    values = array.array(typecode, pcm.data[:len(pcm.data) - len(pcm.data) % array.array(typecode).itemsize])
    channels = pcm.format.channelCount()
    frames = len(values) // channels
    return [[(v - zero) / scale for v in values[k:frames * channels:channels]] for k in range(channels)]


def _resample(track: list[float], rate: int, wanted: int) -> list[float]:
    if not track:
        return track
    count = round(len(track) * wanted / rate)
    last = len(track) - 1
    out = []
    for i in range(count):
        x = i * rate / wanted
        j = min(int(x), last)
        nxt = track[min(j + 1, last)]
        out.append(track[j] + (nxt - track[j]) * (x - j))
    return out
