"""Reading sessions: sentences mapped to the text, prefetch, skip, speed, voice, resume."""

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_desktop.tts import reader as r
from handbook_desktop.tts.audio import wav_info
from handbook_desktop.tts.engine import SpeechError
from handbook_desktop.tts.normalize import normalize, split_sentences
from handbook_desktop.tts.reader import ReadingSession, sentence_for_fraction, sentence_spans

from .conftest import SOUTH, FakeEngine, needs_espeak

PARAGRAPHS = [
    "I. TÌNH HÌNH CHUNG",
    "Ngày 28/10/2025, Chi bộ Khu dân cư số 3 (P. Bắc Sơn, TP. Sông Công) họp thường kỳ. "
    "Đồng chí Nguyễn Văn P. chủ trì; 25/27 đảng viên có mặt!",
    "• • •",
    "Quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị… Tỷ lệ đạt 15,5%? Có.\nDòng thứ hai không có dấu chấm",
    "Xem thêm tại https://dangcongsan.vn.",
]


def piece(paragraphs, sentence):
    return paragraphs[sentence.paragraph][sentence.start:sentence.end]


def test_every_sentence_maps_back_to_its_paragraph_span():
    sentences = sentence_spans(PARAGRAPHS)
    assert [piece(PARAGRAPHS, s) for s in sentences] == [
        "I. TÌNH HÌNH CHUNG",
        "Ngày 28/10/2025, Chi bộ Khu dân cư số 3 (P. Bắc Sơn, TP. Sông Công) họp thường kỳ.",
        "Đồng chí Nguyễn Văn P. chủ trì; 25/27 đảng viên có mặt!",
        "Quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị…", "Tỷ lệ đạt 15,5%?", "Có.",
        "Dòng thứ hai không có dấu chấm",
        "Xem thêm tại https://dangcongsan.vn.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 3, 3, 3, 3, 4]  # "• • •" has nothing to say
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        start_of_paragraph = sum(len(p) + 1 for p in PARAGRAPHS[:sentence.paragraph])
        assert sentence.offset == start_of_paragraph + sentence.start


def test_spans_point_into_text_that_is_not_nfc():
    decomposed = unicodedata.normalize("NFD", "Chi bộ họp. Đảng viên dự đủ.")
    sentences = sentence_spans([decomposed])
    assert [unicodedata.normalize("NFC", piece([decomposed], s)) for s in sentences] == [
        "Chi bộ họp.", "Đảng viên dự đủ."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aăbcđeênôơuưyAĐ 0123456789.,;:!?…-/%\n\u0301\u0323"),
                        max_size=300), max_size=4))
def test_spans_never_overlap_and_lose_no_letter(paragraphs):
    sentences = sentence_spans(paragraphs)
    for number, paragraph in enumerate(paragraphs):
        mine = [s for s in sentences if s.paragraph == number]
        covered = set()
        for earlier, later in zip(mine, mine[1:], strict=False):
            assert earlier.end <= later.start
        for s in mine:
            assert 0 <= s.start < s.end <= len(paragraph)
            covered.update(range(s.start, s.end))
        assert all(i in covered for i, char in enumerate(paragraph) if char.isalnum())


def test_long_sentences_are_cut_at_pauses():
    items = "; ".join(f"nhiệm vụ thứ {n} là xây dựng chi bộ trong sạch vững mạnh" for n in range(40))
    sentences = sentence_spans([items + "."])
    assert len(sentences) > 4
    assert all(s.end - s.start <= r.MAX_SENTENCE_CHARS for s in sentences)
    assert all(piece([items + "."], s).endswith((";", ".")) for s in sentences)


def test_sentences_agree_with_split_sentences():
    text = PARAGRAPHS[1]
    assert [piece([text], s) for s in sentence_spans([text])] == split_sentences(text)


def test_fractions_round_trip_and_grow():
    sentences = sentence_spans(PARAGRAPHS * 20)
    fractions = [r.fraction_for_sentence(sentences, s.index) for s in sentences]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] < 1.0
    assert [sentence_for_fraction(sentences, f) for f in fractions] == list(range(len(sentences)))
    assert sentence_for_fraction(sentences, 1.0) == len(sentences) - 1
    assert sentence_for_fraction(sentences, -3) == 0 and sentence_for_fraction(sentences, 0.5) > 0
    assert r.fraction_for_sentence(sentences, len(sentences)) == 1.0
    assert sentence_for_fraction([], 0.5) == 0 and r.fraction_for_sentence([], 3) == 0.0


# ---- the session's logic, with a fake engine ------------------------------------------


@pytest.fixture
def fake(tmp_path):
    return FakeEngine(tmp_path)


def test_clips_come_in_order_with_what_was_spoken(fake):
    with ReadingSession(PARAGRAPHS, fake) as session:
        clips = list(session)
        assert session.next_clip() is None  # the end stays the end
    assert [c.sentence.index for c in clips] == list(range(len(session.sentences)))
    assert [c.text for c in clips] == [normalize(piece(PARAGRAPHS, s)) for s in session.sentences]
    assert all(not any(char.isdigit() for char in c.text) for c in clips)


def test_the_next_sentence_is_prepared_while_one_plays(fake):
    with ReadingSession(PARAGRAPHS, fake) as session:
        first = session.next_clip()
        deadline = time.monotonic() + 5
        while len(fake.calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [text for text, _v, _r in fake.calls[:3]] == [session.spoken_text(i) for i in range(3)]
        assert first.sentence.index == 0 and len(fake.calls) == 3  # two ahead, not the whole text


def test_the_whole_text_is_not_normalized_before_the_first_clip(fake, monkeypatch):
    normalized = []
    monkeypatch.setattr(r, "normalize", lambda text, table=None: normalized.append(text) or normalize(text))
    with ReadingSession(PARAGRAPHS * 200, fake) as session:
        session.next_clip()
        assert len(session.sentences) == 1600 and len(normalized) <= 3


def test_skip_moves_around_the_sentence_playing(fake):
    with ReadingSession(PARAGRAPHS, fake) as session:
        for _ in range(3):
            session.next_clip()
        assert session.current == 2 and session.position == 3
        assert session.skip(+1) == 3 and session.next_clip().sentence.index == 3
        assert session.skip(-1) == 2 and session.next_clip().sentence.index == 2
        assert session.skip(0) == 2 and session.next_clip().sentence.index == 2
        assert session.skip(-99) == 0 and session.skip(+99) == len(session.sentences) - 1


def test_speed_and_voice_apply_from_the_next_clip(fake):
    with ReadingSession(PARAGRAPHS, fake, rate=160) as session:
        playing = session.next_clip()
        session.rate = 240
        session.voice = "vi-vn-x-south"
        following = session.next_clip()
        assert (playing.rate, playing.voice.id) == (160, "vi")
        assert (following.rate, following.voice) == (240, SOUTH)
        assert following.sentence.index == 1 and playing.path.exists()


def test_resume_from_a_remembered_fraction(fake):
    paragraphs = PARAGRAPHS * 5
    with ReadingSession(paragraphs, fake) as session:
        for _ in range(13):
            session.next_clip()
        remembered = session.fraction
    with ReadingSession(paragraphs, fake) as again:
        assert again.seek_fraction(remembered) == 12
        assert again.next_clip().sentence.index == 12
    with ReadingSession(paragraphs, fake, position=sentence_for_fraction(again.sentences, remembered)) as third:
        assert third.next_clip().sentence.index == 12


def test_a_failed_sentence_is_reported_and_can_be_retried(fake):
    fake.fail_on = "Có"
    with ReadingSession(PARAGRAPHS, fake) as session:
        clips = [session.next_clip() for _ in range(5)]
        with pytest.raises(SpeechError):
            session.next_clip()
        assert session.position == 5 and clips[-1].sentence.index == 4
        fake.fail_on = None
        assert session.next_clip().sentence.index == 5


def test_old_clip_files_are_removed(fake):
    with ReadingSession(PARAGRAPHS, fake) as session:
        clips = [session.next_clip() for _ in range(5)]
        assert [c.path.exists() for c in clips] == [False, False, False, True, True]
    assert not any(c.path.exists() for c in clips)
    assert not list(fake.folder.glob("*.wav"))  # prefetched but never played: gone too


def test_an_empty_text_has_no_clip(fake):
    with ReadingSession(["", "• • •", "---"], fake) as session:
        assert session.sentences == [] and session.next_clip() is None and session.fraction == 0.0


# ---- with the real engine ---------------------------------------------------------------


@needs_espeak
def test_reading_with_espeak_survives_a_worker_crash(engine):
    import os
    import signal

    paragraphs = ["Đồng chí bí thư khai mạc hội nghị. Chi bộ thảo luận dân chủ.", "Hội nghị bế mạc lúc 10 giờ."]
    with ReadingSession(paragraphs, engine) as session:
        first = session.next_clip()
        info = wav_info(first.path)
        assert info.sample_rate == 22050 and first.voice.id == "vi"
        assert first.duration == pytest.approx(info.duration)
        os.kill(engine.pid, signal.SIGTERM)
        rest = list(session)
    assert [c.sentence.index for c in rest] == [1, 2]
    assert rest[-1].text == "Hội nghị bế mạc lúc mười giờ."


@needs_espeak
def test_first_clip_is_quick_on_a_long_document(engine):
    paragraphs = PARAGRAPHS * 400  # far more than 30 pages
    started = time.perf_counter()
    with ReadingSession(paragraphs, engine) as session:
        clip = session.next_clip()
        elapsed = time.perf_counter() - started
    assert clip.sentence.index == 0
    assert elapsed < 1.5  # benchmarks/speech.py measures the real figure (target 0.2 s)
