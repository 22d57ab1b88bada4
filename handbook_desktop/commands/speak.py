"""`main.py speak (--document ID | --text T) --out FILE.wav [--voice V] [--rate N]`.

Also `--normalize-only`: print the text exactly as it will be spoken, one
sentence per line, without starting any speech engine. Voice and rate default
to the workspace's settings. A document is found by its id or by its number
("57-NQ/TW"); reading it here records no read receipt.
"""

import argparse
from pathlib import Path

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.i18n import _
from handbook_desktop.tts.tables import SpeechTables


def register(commands, common: argparse.ArgumentParser) -> None:
    speak = commands.add_parser("speak", parents=[common], help="đọc văn bản thành tiếng, ghi ra tệp âm thanh")
    speak.set_defaults(handler=run)
    source = speak.add_mutually_exclusive_group(required=True)
    source.add_argument("--document", metavar="ID", help="mã hoặc số hiệu văn bản (ví dụ 57-NQ/TW), hoặc mã tin bài")
    source.add_argument("--text", metavar="T", help="đoạn văn cần đọc")
    speak.add_argument("--out", metavar="FILE.wav", help="tệp âm thanh sẽ ghi: .wav (.mp3, .ogg nếu máy có bộ nén)")
    speak.add_argument("--voice", metavar="V", help="giọng đọc, ví dụ vi, vi-vn-x-south (mặc định: tự chọn)")
    speak.add_argument("--rate", metavar="N", help="tốc độ đọc, số từ mỗi phút (80–300, mặc định 160)")
    speak.add_argument("--normalize-only", action="store_true",
                       help="chỉ in văn bản như sẽ được đọc, mỗi câu một dòng")


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core.library import paragraphs_of
    from handbook_desktop.core.paths import SETTINGS_NAME
    from handbook_desktop.core.settings import SPEECH_RATE, SPEECH_VOICE, Settings
    from handbook_desktop.tts.engine import check_rate
    from handbook_desktop.tts.reader import spoken_sentences, user_tables

    settings = Settings(args.data.path / SETTINGS_NAME)
    rate = check_rate(_parse_rate(args.rate)) if args.rate is not None else settings.get(SPEECH_RATE)
    voice = args.voice if args.voice is not None else settings.get(SPEECH_VOICE)
    if not args.normalize_only and not args.out:
        raise ValidationError(_("Hãy cho biết tệp âm thanh cần ghi: --out FILE.wav (hoặc dùng --normalize-only)."))
    paragraphs = paragraphs_of(args.text) if args.text is not None else _document_paragraphs(args)
    tables = user_tables(args.data.path)
    if args.normalize_only:
        lines = [text for _sentence, text in spoken_sentences(paragraphs, tables)]
        if not lines:
            raise ValidationError(_("Văn bản không có nội dung nào để đọc."))
        print("\n".join(lines))
        return 0
    return _export(paragraphs, Path(args.out), voice, rate, tables)


def _parse_rate(text: str) -> object:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else text  # check_rate explains what is wrong


def _export(paragraphs: list[str], out: Path, voice: str, rate: int, tables: SpeechTables) -> int:
    from handbook_desktop.tts.engine import SpeechEngine
    from handbook_desktop.tts.export import export_audio
    from handbook_desktop.tts.voices import voice_label

    with SpeechEngine() as engine:
        result = export_audio(paragraphs, out, engine, voice=voice, rate=rate, tables=tables)
    minutes, seconds = divmod(round(result.duration), 60)
    print(_("Đã ghi {path}: {sentences} câu, {minutes}:{seconds:02d} phút, giọng {voice} ({id}), "
            "{rate} từ/phút, {sample_rate} Hz.").format(
        path=result.path, sentences=result.sentences, minutes=minutes, seconds=seconds,
        voice=voice_label(result.voice), id=result.voice.id, rate=rate, sample_rate=result.sample_rate))
    return 0


def _document_paragraphs(args: argparse.Namespace) -> list[str]:
    """The document's (or article's) number and title, then its paragraphs as the reader shows them."""
    from handbook_desktop.core import library

    with existing_workspace(args) as workspace:
        number, title, body = workspace.perform(lambda uow: library.find_readable(uow, args.document.strip()))
    # Spoken content stays Vietnamese whatever the interface language: no _() here.
    title = title.strip().rstrip(".") + "."
    heading = f"Số {number}. {title}" if number else title
    return [heading] + library.paragraphs_of(body)  # as the reader splits them
