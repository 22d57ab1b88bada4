"""The speech engine: one worker process, complete WAV files, survival of crashes."""

import io
import json
import os
import signal
import sys
import threading
import time
import wave

import pytest

from handbook_desktop.core.errors import UserError
from handbook_desktop.tts import audio
from handbook_desktop.tts.engine import SpeechEngine, SpeechError, WorkerCrashed
from handbook_desktop.tts.voices import ESPEAK, PYTTSX3, UnknownVoice, Voice
from handbook_desktop.tts.worker import Worker, serve

from .conftest import VI, espeak_reference, needs_espeak

SENTENCE = "Chi bộ họp thường kỳ vào ngày mùng năm hằng tháng, đồng chí bí thư chủ trì."
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stops the worker with SIGSTOP")


def frames_of(path) -> bytes:
    with wave.open(str(path), "rb") as reader:
        return reader.readframes(reader.getnframes())


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


# ---- WAV completeness -------------------------------------------------------------


def write_wav(path, frames=22050, rate=22050):
    with wave.open(str(path), "wb") as writer:
        writer.setparams((1, 2, rate, 0, "NONE", "not compressed"))
        writer.writeframes(b"\x00\x01" * frames)


def test_a_complete_wav_is_described(tmp_path):
    write_wav(tmp_path / "a.wav", frames=11025)
    info = audio.wav_info(tmp_path / "a.wav")
    assert (info.sample_rate, info.channels, info.sample_width, info.frames) == (22050, 1, 2, 11025)
    assert info.duration == pytest.approx(0.5)


@pytest.mark.parametrize("damage", ["truncated", "unfilled", "not_wav", "empty", "missing"])
def test_incomplete_files_are_refused(tmp_path, damage):
    path = tmp_path / "a.wav"
    write_wav(path)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[:-1000])
    elif damage == "unfilled":  # what a writer leaves while streaming: 0x7fffffff placeholders
        path.write_bytes(data[:4] + b"\xff\xff\xff\x7f" + data[8:40] + b"\xff\xff\xff\x7f" + data[44:])
    elif damage == "not_wav":
        path.write_bytes(b"ID3" + data[3:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    with pytest.raises(audio.IncompleteAudio):
        audio.wav_info(path)


def test_waiting_ends_when_the_file_is_complete(tmp_path):
    path = tmp_path / "late.wav"
    write_wav(tmp_path / "model.wav")
    data = (tmp_path / "model.wav").read_bytes()
    path.write_bytes(data[:4] + b"\x00\x00\x00\x00" + data[8:2000])  # header not filled in yet

    def finish():
        time.sleep(0.3)
        path.write_bytes(data)

    writer = threading.Thread(target=finish)
    writer.start()
    started = time.monotonic()
    info = audio.wait_until_complete(path, timeout=5)
    writer.join()
    assert info.frames == 22050 and time.monotonic() - started >= 0.3


def test_waiting_gives_up_on_a_file_that_never_completes(tmp_path):
    (tmp_path / "never.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    with pytest.raises(audio.IncompleteAudio, match="still incomplete"):
        audio.wait_until_complete(tmp_path / "never.wav", timeout=0.2)


# ---- the worker's protocol, in-process --------------------------------------------


class BrokenBackend:
    def voices(self):
        raise RuntimeError("driver exploded")


def test_worker_answers_every_line_even_after_errors():
    worker = Worker(["espeak"], espeak=None)  # espeak-ng "missing": every request to it fails
    worker._backends["pyttsx3"] = BrokenBackend()
    worker.backend_names.append("pyttsx3")
    requests = io.StringIO("\n".join([
        json.dumps({"id": 1, "op": "ping"}), "not json",
        json.dumps({"id": 3, "op": "voices"}), json.dumps({"id": 4, "op": "dance"}),
        json.dumps({"id": 5, "op": "synthesize", "backend": "espeak", "voice": "vi", "rate": 160,
                    "text": "x", "out": "x.wav"})]) + "\n")
    replies = io.StringIO()
    serve(worker, requests, replies)
    answers = [json.loads(line) for line in replies.getvalue().splitlines()]
    assert [a["id"] for a in answers] == [1, None, 3, 4, 5]
    assert answers[0] == {"id": 1, "ok": True, "pid": os.getpid()}
    assert answers[1]["ok"] is False
    assert answers[2]["ok"] is True and answers[2]["voices"] == []
    assert any("driver exploded" in problem for problem in answers[2]["problems"])
    assert answers[3]["ok"] is False and "dance" in answers[3]["error"]
    assert answers[4]["ok"] is False and "espeak-ng not found" in answers[4]["error"]


# ---- the real engine ----------------------------------------------------------------


@needs_espeak
def test_a_sentence_becomes_a_complete_vietnamese_wav(engine, tmp_path):
    path = engine.synthesize(SENTENCE, "vi", 160)
    info = audio.wav_info(path)
    assert (info.sample_rate, info.channels, info.sample_width) == (22050, 1, 2)
    words = len(SENTENCE.split())
    assert 0.2 * words <= info.duration <= 1.2 * words
    # The very frames espeak-ng makes with its Vietnamese voice, not those of an English one.
    assert frames_of(path) == espeak_reference(tmp_path, SENTENCE, "vi")
    assert frames_of(path) != espeak_reference(tmp_path, SENTENCE, "en")
    assert path.parent == engine.work_dir


@needs_espeak
def test_rate_and_voice_change_the_sound(engine, tmp_path):
    slow = audio.wav_info(engine.synthesize(SENTENCE, "vi", 100)).duration
    fast = audio.wav_info(engine.synthesize(SENTENCE, "vi", 250)).duration
    assert slow > 1.8 * fast
    south = engine.synthesize(SENTENCE, "vi-vn-x-south", 160)
    assert frames_of(south) == espeak_reference(tmp_path, SENTENCE, "vi-vn-x-south")


@needs_espeak
def test_output_path_can_be_chosen_and_odd_text_is_safe(engine, tmp_path):
    target = tmp_path / "câu đầu.wav"
    assert engine.synthesize("-5 độ, trời rét đậm.", VI, 160, target) == target  # a leading "-" is no option
    assert audio.wav_info(target).frames > 0


def test_wrong_requests_are_refused_before_reaching_the_worker(engine):
    with pytest.raises(UserError, match="80 đến 300"):
        engine.synthesize(SENTENCE, VI, 500)
    with pytest.raises(UserError):
        engine.synthesize(SENTENCE, VI, True)
    with pytest.raises(UnknownVoice):
        engine.synthesize(SENTENCE, Voice(ESPEAK, "en", "English", ("en",)), 160)
    with pytest.raises(ValueError):
        engine.synthesize("   ", VI, 160)
    assert engine.pid is None  # nothing above needed the worker


@needs_espeak
def test_a_killed_worker_is_replaced_at_the_next_request(engine):
    engine.synthesize(SENTENCE, VI, 160)
    first = engine.pid
    os.kill(first, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    wait_for(lambda: engine._worker.process.poll() is not None)
    path = engine.synthesize(SENTENCE, VI, 160)  # transparent: no error for the caller
    assert audio.wav_info(path).frames > 0
    assert engine.pid not in (None, first) and engine.restarts == 1


@needs_espeak
@posix_only
def test_killing_the_worker_mid_request_fails_that_request_only(engine):
    engine.start()
    first = engine.pid
    os.kill(first, signal.SIGSTOP)  # the request below is then surely in flight when the kill lands
    outcome = {}

    def request():
        try:
            engine.synthesize(SENTENCE, VI, 160)
            outcome["result"] = "done"
        except WorkerCrashed as exc:
            outcome["result"] = exc

    caller = threading.Thread(target=request)
    caller.start()
    time.sleep(0.3)
    os.kill(first, signal.SIGKILL)
    caller.join(10)
    assert isinstance(outcome["result"], WorkerCrashed)
    assert "khởi động lại" in outcome["result"].message
    assert audio.wav_info(engine.synthesize(SENTENCE, VI, 160)).frames > 0
    assert engine.pid != first


@needs_espeak
@posix_only
def test_retry_hides_a_crash_from_the_caller(engine):
    engine.start()
    first = engine.pid
    os.kill(first, signal.SIGSTOP)
    killer = threading.Timer(0.3, os.kill, (first, signal.SIGKILL))
    killer.start()
    path = engine.synthesize(SENTENCE, VI, 160, attempts=2)
    killer.join()
    assert audio.wav_info(path).frames > 0 and engine.restarts == 1


@needs_espeak
@posix_only
def test_a_worker_that_stops_answering_is_replaced(engine):
    engine.synthesize(SENTENCE, VI, 160)
    first = engine.pid
    os.kill(first, signal.SIGSTOP)
    engine.timeout = 0.5
    started = time.monotonic()
    with pytest.raises(WorkerCrashed, match="không trả lời"):
        engine.synthesize("Xin chào.", VI, 160)
    assert time.monotonic() - started < 10
    engine.timeout = 30
    assert audio.wav_info(engine.synthesize(SENTENCE, VI, 160)).frames > 0
    assert engine.pid != first


@needs_espeak
@posix_only
def test_close_interrupts_a_request_at_once(engine):
    engine.start()
    clips = engine.work_dir
    os.kill(engine.pid, signal.SIGSTOP)
    outcome = {}

    def request():
        try:
            engine.synthesize(SENTENCE, VI, 160)
        except SpeechError as exc:
            outcome["error"] = exc

    caller = threading.Thread(target=request)
    caller.start()
    time.sleep(0.2)
    started = time.monotonic()
    engine.close()
    caller.join(5)
    assert time.monotonic() - started < 3 and not caller.is_alive()
    assert isinstance(outcome["error"], WorkerCrashed)
    assert not clips.exists()
    with pytest.raises(SpeechError):  # a closed engine starts no new worker
        engine.synthesize(SENTENCE, VI, 160)


@needs_espeak
def test_close_removes_the_clips(engine):
    path = engine.synthesize(SENTENCE, VI, 160)
    engine.close()
    assert not path.exists()


@needs_espeak
def test_pyttsx3_back_end_runs_in_the_worker(tmp_path):
    """pyttsx3 on libespeak-ng (Linux): its "Audio saved" print must not corrupt the protocol."""
    with SpeechEngine(backends=(PYTTSX3,)) as engine:
        voices = engine.voices()
        if not voices:
            pytest.skip("pyttsx3 cannot start its driver here")
        voice = engine.choose_voice()
        assert voice.backend == PYTTSX3 and "vi" in voice.languages
        for sentence in (SENTENCE, "Xin chào các đồng chí."):
            info = audio.wav_info(engine.synthesize(sentence, voice, 160))
            assert info.sample_rate == 22050 and info.duration > 0.5
