"""`main.py speak`, run as a user runs it: a separate process, the real eSpeak NG."""

import os
import subprocess
import sys
import wave

import pytest

from handbook_desktop.tts.reader import spoken_sentences

from .conftest import REPO
from .tts.conftest import espeak_reference, needs_espeak

PARAGRAPH = ("Ngày 28/10/2025, Chi bộ Khu dân cư số 3 họp thường kỳ để quán triệt Nghị quyết số 57-NQ/TW "
             "của Bộ Chính trị. Có 25/27 đảng viên dự họp, đạt 92,6%.")


def run(*args, env_extra=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, str(REPO / "main.py"), "speak", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def one_error_line(result, fragment):
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("Lỗi: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_normalize_only_prints_each_sentence_as_spoken(tmp_path):
    result = run("--text", PARAGRAPH, "--normalize-only", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Ngày hai mươi tám tháng mười năm hai nghìn không trăm hai mươi lăm, Chi bộ Khu dân cư số ba họp "
        "thường kỳ để quán triệt Nghị quyết số năm mươi bảy, nghị quyết Trung ương của Bộ Chính trị.",
        "Có hai mươi lăm trên hai mươi bảy đảng viên dự họp, đạt chín mươi hai phẩy sáu phần trăm.",
    ]
    assert not (tmp_path / "handbook.db").exists()  # no workspace needed, none created


def test_the_users_own_tables_count_and_a_broken_one_is_one_line(tmp_path):
    (tmp_path / "speech").mkdir(parents=True)
    (tmp_path / "speech" / "abbreviations.tsv").write_text("HTCT\thệ thống chính trị\n", encoding="utf-8")
    (tmp_path / "speech" / "units.tsv").write_bytes(b"\xff\xfe\x00 not text")
    result = run("--text", "Xây dựng HTCT, đường dài 5 km.", "--normalize-only", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Xây dựng hệ thống chính trị, đường dài năm ki lô mét."
    assert "Traceback" not in result.stderr and "units.tsv" in result.stderr


@needs_espeak
def test_a_paragraph_becomes_a_vietnamese_wav(tmp_path):
    out = tmp_path / "doan.wav"
    result = run("--text", PARAGRAPH, "--out", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "2 câu" in result.stdout and "(vi)" in result.stdout and "22050 Hz" in result.stdout
    with wave.open(str(out), "rb") as reader:
        assert (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) == (22050, 1, 2)
        seconds = reader.getnframes() / reader.getframerate()
        audio = reader.readframes(reader.getnframes())
    spoken = [text for _sentence, text in spoken_sentences([PARAGRAPH])]
    words = sum(len(text.split()) for text in spoken)
    assert 0.2 * words <= seconds <= 1.2 * words
    # Made by the Vietnamese voice: it starts with exactly what `espeak-ng -v vi` says for
    # the first sentence, which an English voice says differently.
    vietnamese, english = espeak_reference(tmp_path, spoken[0], "vi"), espeak_reference(tmp_path, spoken[0], "en")
    assert audio.startswith(vietnamese) and not audio.startswith(english)


@needs_espeak
def test_a_document_by_its_number_with_settings_for_rate_and_voice(demo_dir, tmp_path):
    (demo_dir / "settings.json").write_text(
        '{"version": 1, "values": {"speech/rate": 200, "speech/voice": "vi-vn-x-south"}}', encoding="utf-8")
    out = tmp_path / "57.ogg" if "ogg" in _formats() else tmp_path / "57.wav"
    result = run("--document", "57-nq/tw", "--out", str(out), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    assert "200 từ/phút" in result.stdout and "miền Nam" in result.stdout and "(vi-vn-x-south)" in result.stdout
    assert out.stat().st_size > 100_000
    text = run("--document", "57-NQ/TW", "--normalize-only", "--data-dir", str(demo_dir)).stdout.splitlines()
    assert text[0] == "Số năm mươi bảy, nghị quyết Trung ương."
    assert text[1].startswith("Nghị quyết về đột phá phát triển khoa học")


def _formats():
    from handbook_desktop.tts.export import available_formats

    return available_formats()


def test_unknown_document(demo_dir, tmp_path):
    result = run("--document", "99-NQ/TW", "--out", str(tmp_path / "x.wav"), "--data-dir", str(demo_dir))
    one_error_line(result, "Không tìm thấy văn bản “99-NQ/TW”")


def test_document_without_a_workspace(tmp_path):
    result = run("--document", "57-NQ/TW", "--out", str(tmp_path / "x.wav"), "--data-dir", str(tmp_path / "none"))
    one_error_line(result, "chưa có cơ sở dữ liệu")
    assert not (tmp_path / "none" / "handbook.db").exists()


@pytest.mark.parametrize("rate", ["5", "abc", "160.5", "-200", "1000"])
def test_bad_rate(rate, tmp_path):
    result = run("--text", PARAGRAPH, "--out", str(tmp_path / "x.wav"), f"--rate={rate}", "--data-dir", str(tmp_path))
    one_error_line(result, "Tốc độ đọc phải là một số từ 80 đến 300")


@needs_espeak
def test_unwritable_output(tmp_path):
    result = run("--text", PARAGRAPH, "--out", str(tmp_path / "no" / "x.wav"), "--data-dir", str(tmp_path))
    one_error_line(result, "Không ghi được tệp")


def test_missing_out(tmp_path):
    one_error_line(run("--text", PARAGRAPH, "--data-dir", str(tmp_path)), "--out FILE.wav")


@pytest.mark.skipif(sys.platform == "win32", reason="the fake espeak-ng is a shell script")
def test_no_vietnamese_voice(tmp_path):
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\necho 'Pty Language Age/Gender VoiceName File Other Languages'\n")
    fake.chmod(0o755)
    result = run("--text", PARAGRAPH, "--out", str(tmp_path / "x.wav"), "--data-dir", str(tmp_path),
                 env_extra={"HANDBOOK_ESPEAK_NG": str(fake)})
    one_error_line(result, "Máy chưa có giọng đọc tiếng Việt")
    assert "sudo apt-get install espeak-ng" in result.stderr
    assert not (tmp_path / "x.wav").exists()


@needs_espeak
def test_english_voice_is_refused(tmp_path):
    result = run("--text", PARAGRAPH, "--out", str(tmp_path / "x.wav"), "--voice", "en", "--data-dir", str(tmp_path))
    one_error_line(result, "Không có giọng đọc tiếng Việt “en”")
