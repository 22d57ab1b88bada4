"""Read aloud: first audio on a 30-page document, export of a 10-page document.

    uv run python benchmarks/speech.py [--runs 5]

Documents are the demo workspace's own texts (numbers, dates, symbols such as 57-NQ/TW,
abbreviations: the normalizer has real work), repeated to length; a page is 500 words.
"First audio" runs from creating the reading session (splitting the text, asking the
worker for voices) to the first complete WAV in hand, once with a cold engine (the worker
process is started inside the measure) and once with the worker already running (the
player starts it when it opens). Export is the whole document to one WAV, and to OGG when
an encoder is installed.
"""

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from handbook_desktop.core.resources import resource_path  # noqa: E402
from handbook_desktop.tts.engine import SpeechEngine  # noqa: E402
from handbook_desktop.tts.export import available_formats, export_audio  # noqa: E402
from handbook_desktop.tts.reader import ReadingSession  # noqa: E402

WORDS_PER_PAGE = 500


def document(pages: int) -> list[str]:
    data = json.loads(resource_path("demo", "workspace.json").read_text(encoding="utf-8"))
    source = [p.strip() for item in data["documents"] + data["articles"]
              for p in re.split(r"\n\s*\n", item["body"]) if p.strip()]
    paragraphs, words = [], 0
    while words < pages * WORDS_PER_PAGE:
        paragraph = source[len(paragraphs) % len(source)]
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return paragraphs


def first_audio(paragraphs: list[str], warm: bool) -> float:
    with SpeechEngine() as engine:
        if warm:
            engine.choose_voice()  # worker running, voices known: the player opened a moment ago
        started = time.perf_counter()
        with ReadingSession(paragraphs, engine) as session:
            session.next_clip()
            return time.perf_counter() - started


def export_time(paragraphs: list[str], suffix: str) -> tuple[float, float]:
    with SpeechEngine() as engine, tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = export_audio(paragraphs, Path(folder) / f"doc.{suffix}", engine)
        return time.perf_counter() - started, result.duration


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    thirty, ten = document(30), document(10)
    print(f"30 pages: {sum(len(p.split()) for p in thirty)} words, {len(thirty)} paragraphs")
    print(f"10 pages: {sum(len(p.split()) for p in ten)} words, {len(ten)} paragraphs")
    first_audio(thirty, warm=False)  # warm the disk cache once
    for warm in (False, True):
        times = [first_audio(thirty, warm) for _ in range(args.runs)]
        print(f"first audio, 30 pages, {'worker running' if warm else 'cold engine'}: {summary(times)}")
    for suffix in ("wav", "ogg"):
        if suffix not in available_formats():
            continue
        runs = [export_time(ten, suffix) for _ in range(max(1, args.runs // 2))]
        audio = runs[0][1]
        print(f"export 10 pages to {suffix.upper()}: {summary([t for t, _ in runs])}, "
              f"{audio / 60:.1f} min of audio")


if __name__ == "__main__":
    main()
