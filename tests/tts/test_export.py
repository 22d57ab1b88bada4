"""Export: one audio file per document, with progress, cancel and compressed formats."""

import shutil
import subprocess
import sys
import wave

import pytest

from handbook_desktop.core.errors import Cancelled, UserError
from handbook_desktop.core.progress import Progress
from handbook_desktop.tts import export as ex
from handbook_desktop.tts.audio import wav_info
from handbook_desktop.tts.export import available_formats, export_audio
from handbook_desktop.tts.reader import spoken_sentences

from .conftest import VI, FakeEngine, espeak_reference, needs_espeak

PARAGRAPHS = ["Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
              "Chi bộ họp thường kỳ. Đồng chí bí thư chủ trì; 25 đảng viên có mặt.",
              "• • •",
              "Hội nghị bế mạc lúc 10 giờ 30 phút."]


@needs_espeak
def test_a_document_becomes_one_wav_of_its_sentences_and_pauses(engine, tmp_path):
    out = tmp_path / "nghi-quyet.wav"
    reports = []
    result = export_audio(PARAGRAPHS, out, engine, progress=Progress(lambda d, t, m: reports.append((d, t))))
    spoken = [text for _s, text in spoken_sentences(PARAGRAPHS)]
    assert result.sentences == len(spoken) == 4 and result.voice == VI and result.format == "wav"
    with wave.open(str(out), "rb") as reader:
        assert (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) == (22050, 1, 2)
        audio = reader.readframes(reader.getnframes())
    references = [espeak_reference(tmp_path, text) for text in spoken]
    pause = lambda seconds: b"\x00\x00" * round(22050 * seconds)  # noqa: E731
    expected = (references[0] + pause(ex.PARAGRAPH_PAUSE) + references[1] + pause(ex.SENTENCE_PAUSE)
                + references[2] + pause(ex.PARAGRAPH_PAUSE) + references[3])
    assert audio == expected  # exactly the Vietnamese voice's sentences, in order, with pauses
    assert result.duration == pytest.approx(len(expected) / 2 / 22050)
    assert reports == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert list(tmp_path.glob(".*")) == []


def test_cancel_leaves_no_file_and_keeps_an_older_one(tmp_path):
    out = tmp_path / "doc.wav"
    out.write_bytes(b"the previous export")
    progress = Progress(lambda done, total, message: progress.cancel() if done == 2 else None)
    with pytest.raises(Cancelled):
        export_audio(PARAGRAPHS, out, FakeEngine(tmp_path), progress=progress)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.wav"]  # no part file, no clip left


def test_a_failure_midway_leaves_no_file(tmp_path):
    engine = FakeEngine(tmp_path, fail_on="bế mạc")
    with pytest.raises(UserError):
        export_audio(PARAGRAPHS, tmp_path / "doc.wav", engine)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("fake-")] == []


def test_where_the_file_cannot_be_written(tmp_path):
    engine = FakeEngine(tmp_path)
    with pytest.raises(UserError, match="thư mục chứa tệp không tồn tại"):
        export_audio(PARAGRAPHS, tmp_path / "missing" / "doc.wav", engine)
    (tmp_path / "folder.wav").mkdir()
    with pytest.raises(UserError, match="là một thư mục"):
        export_audio(PARAGRAPHS, tmp_path / "folder.wav", engine)
    with pytest.raises(UserError, match=r"\.wav, \.mp3 hoặc \.ogg"):
        export_audio(PARAGRAPHS, tmp_path / "doc.flac", engine)
    assert engine.calls == []  # refused before any sentence was synthesized


def test_nothing_to_say_is_an_error(tmp_path):
    with pytest.raises(UserError, match="không có nội dung"):
        export_audio(["• • •", "---"], tmp_path / "doc.wav", FakeEngine(tmp_path))
    assert not (tmp_path / "doc.wav").exists()


def test_without_encoder_only_wav_is_offered(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert available_formats() == ("wav",)
    with pytest.raises(UserError) as raised:
        export_audio(PARAGRAPHS, tmp_path / "doc.mp3", FakeEngine(tmp_path))
    assert "MP3" in raised.value.message and "chỉ xuất được: wav" in raised.value.message
    assert not (tmp_path / "doc.mp3").exists()


@pytest.mark.skipif("ogg" not in available_formats(), reason="no OGG encoder (sox with vorbis, oggenc, ffmpeg)")
def test_ogg_export_through_the_encoder(tmp_path):
    out = tmp_path / "doc.ogg"
    result = export_audio(PARAGRAPHS, out, FakeEngine(tmp_path))
    assert result.format == "ogg" and out.read_bytes()[:4] == b"OggS"
    if shutil.which("soxi"):
        seconds = float(subprocess.run(["soxi", "-D", str(out)], capture_output=True, text=True).stdout)
        assert seconds == pytest.approx(result.duration, abs=0.05)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("fake-")) == ["doc.ogg"]


def test_fake_clips_are_deleted_after_use(tmp_path):
    export_audio(PARAGRAPHS, tmp_path / "doc.wav", FakeEngine(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["doc.wav"]
    assert wav_info(tmp_path / "doc.wav").frames > 0


@pytest.mark.skipif("ogg" not in available_formats(), reason="no OGG encoder (sox with vorbis, oggenc, ffmpeg)")
def test_cancelling_a_compressed_export_stops_the_encoder(tmp_path):
    progress = Progress(lambda done, total, message: progress.cancel() if done == 3 else None)
    with pytest.raises(Cancelled):
        export_audio(PARAGRAPHS, tmp_path / "doc.ogg", FakeEngine(tmp_path), progress=progress)
    assert list(tmp_path.iterdir()) == []  # the autouse fixture checks that no feeder thread is left


@pytest.mark.skipif(sys.platform == "win32", reason="the fake encoder is a shell script")
def test_a_failing_encoder_is_reported_with_its_message(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "sox"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\ncat > /dev/null\necho 'sox FAIL formats: no handler for the codec' >&2\nexit 2\n")
    fake.chmod(0o755)
    monkeypatch.setattr(ex, "_encoder", lambda fmt: ("sox", str(fake)))
    out = tmp_path / "doc.mp3"
    with pytest.raises(UserError) as raised:
        export_audio(PARAGRAPHS, out, FakeEngine(tmp_path))
    assert "MP3" in raised.value.message and "no handler for the codec" in raised.value.message
    assert not out.exists() and not list(tmp_path.glob(".*"))


def test_a_full_disk_is_named_and_leaves_no_part_file(tmp_path, monkeypatch):
    from ..core.faults import full_disk

    clips = tmp_path / "clips"
    clips.mkdir()
    with full_disk(tmp_path / "disk", monkeypatch) as disk:
        with pytest.raises(UserError, match="Ổ đĩa đã đầy") as caught:
            export_audio(PARAGRAPHS * 20, disk / "doc.wav", FakeEngine(clips))
        assert "bị hỏng" not in caught.value.message
        assert list(disk.iterdir()) == []


@pytest.mark.skipif("ogg" not in available_formats(), reason="no OGG encoder (sox with vorbis, oggenc, ffmpeg)")
def test_an_encoder_on_a_full_disk_is_named_a_full_disk(engine, tmp_path):
    """The encoder is another program: only a real small disk shows what it says when full.
    Real speech, because silence compresses to almost nothing."""
    from ..core.faults import tiny_disk

    with tiny_disk(tmp_path / "disk", size_kb=8) as disk:
        if disk is None:
            pytest.skip("this run may not mount a small file system")
        with pytest.raises(UserError, match="Ổ đĩa đã đầy") as caught:
            export_audio(PARAGRAPHS * 3, disk / "doc.ogg", engine)
        assert "Không nén được" not in caught.value.message
        assert list(disk.iterdir()) == []
