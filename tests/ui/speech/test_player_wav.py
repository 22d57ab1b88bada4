"""Speech clips read into PCM for QAudioSink: real WAV files of each kind the engines write,
the variants the wave module refuses, and files nothing can play (a clear message, no traceback)."""

import array
import math
import shutil
import struct
import wave

import pytest
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat

from handbook_desktop.core.errors import UserError
from handbook_desktop.ui.speech.wav_output import UnplayableClip, audio_format, convert, fit_to_device, read_wav

Sample = QAudioFormat.SampleFormat


def _write(path, frames: bytes, rate: int, channels: int, width: int):
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(frames)
    return path


def _riff(path, tag: int, channels: int, rate: int, bits: int, data: bytes, *, extensible: bool = False):
    """A WAV the wave module of Python 3.11 cannot open (float samples, an extensible header)."""
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 0xFFFE if extensible else tag, channels, rate, rate * block, block, bits)
    if extensible:  # cbSize, valid bits, channel mask, sub-format GUID (starts with the plain tag)
        fmt += struct.pack("<HHI", 22, bits, 0) + struct.pack("<H", tag) + bytes.fromhex("000000001000800000aa00389b71")
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def _sine(count: int, rate: int) -> list[float]:
    return [0.5 * math.sin(2 * math.pi * 440 * i / rate) for i in range(count)]


@pytest.mark.parametrize(("width", "channels", "rate", "sample"), [
    (1, 1, 22050, Sample.UInt8), (2, 1, 22050, Sample.Int16), (2, 2, 16000, Sample.Int16),
    (1, 2, 16000, Sample.UInt8), (4, 1, 22050, Sample.Int32),
])
def test_pcm_wav_is_played_as_written(tmp_path, width, channels, rate, sample):
    frames = bytes(range(256)) * (width * channels) * 10
    pcm = read_wav(_write(tmp_path / "clip.wav", frames, rate, channels, width))
    assert (pcm.format.sampleRate(), pcm.format.channelCount(), pcm.format.sampleFormat()) == (rate, channels, sample)
    assert pcm.data == frames


def test_24_bit_keeps_the_top_two_bytes(tmp_path):
    pcm = read_wav(_write(tmp_path / "clip.wav", b"\x01\x34\x12\xff\xcd\xab", 16000, 1, 3))
    assert pcm.format.sampleFormat() == Sample.Int16 and pcm.data == b"\x34\x12\xcd\xab"


def test_float_and_extensible_wavs_are_read_from_their_chunks(tmp_path):
    values = array.array("f", [0.0, 0.25, -0.5, 1.0])
    floats = read_wav(_riff(tmp_path / "float.wav", 3, 1, 22050, 32, values.tobytes()))
    assert floats.format.sampleFormat() == Sample.Float and floats.format.sampleRate() == 22050
    assert array.array("f", floats.data) == values
    samples = struct.pack("<4h", 1, -1, 300, -300)
    extensible = read_wav(_riff(tmp_path / "ext.wav", 1, 2, 16000, 16, samples, extensible=True))
    assert (extensible.format.sampleFormat(), extensible.format.channelCount()) == (Sample.Int16, 2)
    assert extensible.data == samples
    with pytest.raises(Exception):  # really a file the wave module refuses
        wave.open(str(tmp_path / "ext.wav")).close()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="eSpeak NG is not installed")
def test_a_real_espeak_clip(tmp_path):
    from handbook_desktop.tts.engine import SpeechEngine
    from handbook_desktop.tts.voices import ESPEAK

    engine = SpeechEngine(backends=(ESPEAK,))
    try:
        path = engine.synthesize("Chi bộ họp vào ngày mười lăm hằng tháng.", out=tmp_path / "clip.wav")
    finally:
        engine.close()
    pcm = read_wav(path)
    assert (pcm.format.sampleRate(), pcm.format.channelCount(), pcm.format.sampleFormat()) == (22050, 1, Sample.Int16)
    seconds = pcm.format.durationForBytes(len(pcm.data)) / 1e6
    assert 1.0 < seconds < 10.0
    assert max(map(abs, array.array("h", pcm.data))) > 1000  # speech, not silence


@pytest.mark.parametrize("content", [b"", b"RIFF", b"not a wav file at all" * 10,
                                     b"RIFF\x10\x00\x00\x00WAVEjunk\x00\x00\x00\x00"])
def test_a_damaged_file_is_a_clear_user_error(tmp_path, content):
    path = tmp_path / "câu-3.wav"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_wav(path)
    assert "Không đọc được tệp âm thanh" in caught.value.message and "câu-3.wav" in caught.value.message


def test_an_unsupported_encoding_is_named(tmp_path):
    with pytest.raises(UnplayableClip, match=r"không phát được \(mã 6, 8 bit\)"):  # A-law
        read_wav(_riff(tmp_path / "alaw.wav", 6, 1, 8000, 8, b"\x55" * 800))


def test_conversion_to_the_device_format(tmp_path):
    """Mono 22050 Hz 16-bit to stereo 44100 Hz float: both channels carry the interpolated wave."""
    source = array.array("h", (round(v * 32767) for v in _sine(2205, 22050)))
    pcm = read_wav(_write(tmp_path / "clip.wav", source.tobytes(), 22050, 1, 2))
    out = convert(pcm, audio_format(44100, 2, Sample.Float))
    assert (out.format.sampleRate(), out.format.channelCount(), out.format.sampleFormat()) == (44100, 2, Sample.Float)
    samples = array.array("f", out.data)
    left, right = samples[0::2], samples[1::2]
    assert len(left) == 4410 and list(left) == list(right)
    assert left[0::2] == pytest.approx([v / 32768 for v in source], abs=1e-4)  # the original samples stay
    assert left[1] == pytest.approx((source[0] + source[1]) / 2 / 32768, abs=1e-4)  # and between them, the mean


def test_conversion_stereo_to_mono_8_bit(tmp_path):
    frames = struct.pack("<4h", 16384, -16384, 32767, 32767)  # two stereo frames
    out = convert(read_wav(_write(tmp_path / "clip.wav", frames, 16000, 2, 2)), audio_format(8000, 1, Sample.UInt8))
    assert out.format.channelCount() == 1 and out.data == bytes([128])  # one frame: (0.5 - 0.5) / 2 = silence


def test_a_device_that_takes_nothing_fails_with_a_message(tmp_path):
    pcm = read_wav(_write(tmp_path / "clip.wav", b"\x00\x00" * 100, 22050, 1, 2))
    with pytest.raises(UnplayableClip, match="không phát được câu đọc"):
        fit_to_device(pcm, QAudioDevice())  # no device: no format supported, no preferred one
