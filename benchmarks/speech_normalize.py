"""Speech normalizer: accuracy on the test corpus, per kind, and sentences per second.

    uv run python benchmarks/speech_normalize.py [--json]

Accuracy is counted on tests/tts/cases/*.tsv exactly as tests/tts/test_speech_corpus.py
compares (case and punctuation ignored). Throughput is ``normalize`` over the demo
workspace's own texts split into sentences (``split_sentences``), repeated to at least
5,000 sentences; the best of 3 runs.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from handbook_desktop.core.resources import resource_path  # noqa: E402
from handbook_desktop.tts.normalize import normalize, split_sentences  # noqa: E402
from tests.tts.cases import KINDS, accuracy_by_kind  # noqa: E402

MIN_SENTENCES = 5000
RUNS = 3


def demo_sentences() -> list[str]:
    data = json.loads(resource_path("demo", "workspace.json").read_text(encoding="utf-8"))
    source = [s for item in data["documents"] + data["articles"]
              for p in re.split(r"\n\s*\n", item["body"]) if p.strip()
              for s in split_sentences(p)]
    sentences = []
    while len(sentences) < MIN_SENTENCES:
        sentences += source
    return sentences


def throughput(sentences: list[str]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        for sentence in sentences:
            normalize(sentence)
        best = min(best, time.perf_counter() - started)
    return len(sentences) / best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    accuracy = accuracy_by_kind(normalize)
    right = sum(r for r, _ in accuracy.values())
    total = sum(t for _, t in accuracy.values())
    sentences = demo_sentences()
    per_second = throughput(sentences)
    if args.json:
        print(json.dumps({
            "kinds": {kind: {"right": r, "total": t, "percent": round(100 * r / t, 1) if t else 0.0}
                      for kind, (r, t) in accuracy.items()},
            "overall": {"right": right, "total": total,
                        "percent": round(100 * right / total, 1) if total else 0.0},
            "throughput": {"sentences": len(sentences), "runs": RUNS,
                           "sentences_per_second": round(per_second)},
        }, ensure_ascii=False, indent=2))
        return
    width = max(len(kind) for kind in KINDS)
    for kind in KINDS:
        r, t = accuracy[kind]
        print(f"{kind:<{width}}  {r:>4}/{t:<4} {100 * r / t if t else 0:5.1f}%")
    overall = 100 * right / total if total else 0
    print(f"{'overall':<{width}}  {right:>4}/{total:<4} {overall:5.1f}%")
    print(f"throughput: {per_second:,.0f} sentences/s "
          f"({len(sentences)} demo sentences, best of {RUNS})")


if __name__ == "__main__":
    main()
