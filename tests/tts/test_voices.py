"""Voices: listing, recognising Vietnamese ones, choosing, and saying how to install one."""

import sys

import pytest

from handbook_desktop.tts import voices as v
from handbook_desktop.tts.engine import SpeechEngine, default_backends
from handbook_desktop.tts.voices import ESPEAK, PYTTSX3, NoVietnameseVoice, UnknownVoice, Voice

from .conftest import SOUTH, VI, needs_espeak

LISTING = """Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  vi              --/M      Vietnamese_(Northern) aav/vi
 5  vi-vn-x-central --/M      Vietnamese_(Central) aav/vi-VN-x-central
 5  vi-vn-x-south   --/M      Vietnamese_(Southern) aav/vi-VN-x-south
"""
HEADER_ONLY = LISTING.splitlines()[0] + "\n"
ENGLISH = Voice(ESPEAK, "en", "English_(Great_Britain)", ("en-gb", "en"))
CENTRAL = Voice(ESPEAK, "vi-vn-x-central", "Vietnamese_(Central)", ("vi-vn-x-central",))


def test_espeak_listing_is_parsed():
    assert v.parse_espeak_voices(LISTING) == [VI, CENTRAL, SOUTH]
    assert v.parse_espeak_voices(HEADER_ONLY) == []
    assert v.parse_espeak_voices("") == []


@pytest.mark.parametrize("voice, vietnamese", [
    (VI, True), (SOUTH, True), (ENGLISH, False),
    (Voice(PYTTSX3, "aav/vi", "Vietnamese (Northern)", ("vi",)), True),
    (Voice(PYTTSX3, "com.apple.voice.compact.vi-VN.Linh", "Linh", ("vi_VN",)), True),
    (Voice(PYTTSX3, r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\MSTTS_V110_viVN_An",
           "Microsoft An", ()), True),
    (Voice(PYTTSX3, "TTS_MS_VI-VN_AN_11.0", "Microsoft An - Vietnamese (Vietnam)", ("Unknown Locale: 1066",)), True),
    (Voice(PYTTSX3, r"...\Tokens\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)",
           ("en-US",)), False),
    (Voice(PYTTSX3, "sem/am", "Amharic", ("am",)), False),
    (Voice(PYTTSX3, "roa/vec", "Venetian", ("vec",)), False),
])
def test_vietnamese_voices_are_recognised(voice, vietnamese):
    assert v.is_vietnamese(voice) is vietnamese


def test_the_northern_voice_is_chosen_first():
    assert v.choose_voice([SOUTH, ENGLISH, CENTRAL, VI]) == VI
    assert v.vietnamese_voices([SOUTH, ENGLISH, CENTRAL, VI]) == [VI, CENTRAL, SOUTH]


@pytest.mark.parametrize("wanted", ["vi-vn-x-south", "espeak:vi-vn-x-south", "VIETNAMESE_(SOUTHERN)",
                                    " vi-vn-x-south "])
def test_a_voice_is_found_by_key_id_or_name(wanted):
    assert v.choose_voice([VI, CENTRAL, SOUTH], wanted) == SOUTH


def test_an_english_voice_is_never_used_for_vietnamese():
    with pytest.raises(NoVietnameseVoice):
        v.choose_voice([ENGLISH])
    with pytest.raises(UnknownVoice) as raised:
        v.choose_voice([ENGLISH, VI], "en")
    assert "“en”" in raised.value.message and "vi" in raised.value.message


def test_no_voice_message_says_how_to_install_one():
    with pytest.raises(NoVietnameseVoice) as raised:
        v.choose_voice([])
    if sys.platform.startswith("linux"):
        assert "sudo apt-get install espeak-ng" in raised.value.message
    assert raised.value.message.startswith("Máy chưa có giọng đọc tiếng Việt")
    assert "Settings → Time & language → Speech" in v.no_voice_message("win32")
    assert "apt-get install espeak-ng" in v.no_voice_message("linux")
    assert raised.value.exit_code == 2  # a UserError: one line in the CLI, a dialog in the GUI


def test_voice_labels():
    assert v.voice_label(VI) == "Tiếng Việt – miền Bắc (eSpeak NG)"
    assert v.voice_label(SOUTH) == "Tiếng Việt – miền Nam (eSpeak NG)"
    assert v.voice_label(Voice(PYTTSX3, "x", "Microsoft An", ())) == "Microsoft An"


def test_voice_survives_the_worker_protocol():
    assert Voice.from_json(SOUTH.to_json()) == SOUTH
    assert SOUTH.key == "espeak:vi-vn-x-south"


def test_back_ends_per_platform():
    assert default_backends("linux") == (ESPEAK,)
    assert default_backends("win32") == (PYTTSX3, ESPEAK)
    assert default_backends("darwin") == (PYTTSX3, ESPEAK)


@needs_espeak
def test_installed_espeak_voices_are_the_three_vietnamese_ones():
    listed = v.list_espeak_voices(v.espeak_command())
    assert [voice.id for voice in v.vietnamese_voices(listed)] == ["vi", "vi-vn-x-central", "vi-vn-x-south"]


@needs_espeak
def test_engine_lists_voices_through_its_worker(engine):
    assert engine.choose_voice() == VI
    assert engine.choose_voice("vi-vn-x-south") == SOUTH


@pytest.mark.skipif(sys.platform == "win32", reason="the fake espeak-ng is a shell script")
def test_engine_without_vietnamese_voice_says_so(tmp_path):
    fake = tmp_path / "espeak-ng"
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' '{HEADER_ONLY.strip()}'\n")
    fake.chmod(0o755)
    with SpeechEngine(backends=(ESPEAK,), espeak=str(fake)) as engine:
        assert engine.voices() == []
        with pytest.raises(NoVietnameseVoice) as raised:
            engine.synthesize("Xin chào các đồng chí.")
    assert "sudo apt-get install espeak-ng" in raised.value.message


def test_engine_without_any_back_end_says_so():
    with SpeechEngine(backends=(ESPEAK,)) as engine:
        engine.espeak = None  # as on a Linux machine without espeak-ng: the worker reports no voice
        with pytest.raises(NoVietnameseVoice):
            engine.choose_voice()


def test_speech_settings_have_a_sensible_range(tmp_path):
    from handbook_desktop.core import settings as s

    stored = s.Settings(tmp_path / "settings.json")
    assert (stored.get(s.SPEECH_VOICE), stored.get(s.SPEECH_RATE)) == ("", 160)
    assert s.SPEECH_VOICE in s.ALL_SETTINGS and s.SPEECH_RATE in s.ALL_SETTINGS
    stored.set(s.SPEECH_RATE, 220)
    stored.set(s.SPEECH_VOICE, "espeak:vi-vn-x-south")
    stored.save()
    again = s.Settings(tmp_path / "settings.json")
    assert (again.get(s.SPEECH_VOICE), again.get(s.SPEECH_RATE)) == ("espeak:vi-vn-x-south", 220)
    for wrong in (20, 1000, True, "fast", 150.0):
        assert s.SPEECH_RATE.coerce(wrong) == 160
        with pytest.raises(ValueError):
            stored.set(s.SPEECH_RATE, wrong)
