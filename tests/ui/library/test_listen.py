"""Listening in the reader with the real eSpeak NG engine: sentences in order, highlight,
pause/resume/stop, position remembered, export with progress."""

import shutil
import wave

import pytest

from handbook_desktop.core import library as lib

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="eSpeak NG is not installed")


def _open_57(window):
    window.show_page("documents")
    page = window.pages.currentWidget()
    row = next(i for i, item in enumerate(page.model.rows) if item.number == "57-NQ/TW")
    page.list.selectRow(row)
    return page.reader


def test_sentences_arrive_in_order_and_are_highlighted(main_window, qtbot):
    reader = _open_57(main_window)
    bar = reader.listen
    seen = []
    bar.player.sentence_started.connect(seen.append)
    with qtbot.waitSignal(bar.player.sentence_started, timeout=20_000):
        bar.toggle()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=30_000)
    assert [s.index for s in seen[:3]] == [seen[0].index, seen[0].index + 1, seen[0].index + 2]
    selection = reader.text.extraSelections()[0]
    paragraph = reader.reading.paragraphs[seen[-1].paragraph]
    assert selection.cursor.selectedText() == paragraph[seen[-1].start:seen[-1].end]

    bar.toggle()  # pause
    assert bar.player.state == "paused"
    count = len(seen)
    qtbot.wait(1500)
    assert len(seen) == count  # nothing is read while paused
    bar.toggle()  # resume
    qtbot.waitUntil(lambda: len(seen) > count, timeout=30_000)
    bar.next.click()
    qtbot.waitUntil(lambda: len(seen) > count + 1, timeout=30_000)
    bar.stop()
    assert bar.player.state == "stopped" and reader.text.extraSelections() == []
    item_id = reader.reading.item.id
    saved = main_window.ops.read_now(lambda uow: lib.read_item(uow, lib.DOCUMENTS, item_id)).position
    assert saved > 0  # listening moved the remembered position


def test_export_to_wav(main_window, qtbot, tmp_path):
    reader = _open_57(main_window)
    target = tmp_path / "57.wav"
    with qtbot.waitSignal(main_window.tasks.ended, timeout=60_000):
        reader.listen.export_to(target)
    with wave.open(str(target)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
        assert audio.getframerate() == 22050
    words = sum(len(p.split()) for p in reader.reading.paragraphs)
    assert 0.15 * words < seconds < 1.2 * words


def test_settings_offer_only_vietnamese_voices(main_window):
    from handbook_desktop.core import settings as s

    main_window.show_page("settings")
    form = main_window.settings_form
    form.fill_voices()
    keys = [form.voice.itemData(i) for i in range(form.voice.count())]
    assert keys[0] == "" and len(keys) >= 2
    assert all(key.endswith(("vi", "vi-vn-x-central", "vi-vn-x-south")) for key in keys[1:])
    form.voice.setCurrentIndex(1)
    form.submit()
    assert main_window.workspace.settings.get(s.SPEECH_VOICE) == keys[1]


def test_voice_changes_mid_text(main_window, qtbot):
    reader = _open_57(main_window)
    bar = reader.listen
    seen = []
    bar.player.sentence_started.connect(seen.append)
    bar.toggle()
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=30_000)
    main_window.show_page("settings")
    form = main_window.settings_form
    form.fill_voices()
    form.voice.setCurrentIndex(form.voice.findData("espeak:vi-vn-x-south"))
    form.submit()
    assert bar.player.session.voice.key == "espeak:vi-vn-x-south"
    bar.stop()
