"""Split a line into tokens for the speech normalizer.

A token is what lies between spaces, with the punctuation that only frames it ("(", "),",
a full stop) kept apart, so that "28/10/2025." is read as a date followed by a full stop and
"(0208)" as an area code. A minute mark after a number ("30'") belongs to the number.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ASCII_DIGIT = re.compile(r"[0-9]")
# One pass per line: space, opening punctuation, the text, closing punctuation (a dash at the
# end too: "3-5kg-" is a range and a dash). A quote after a digit is a minute mark
# ("8 giờ 30'"), not a closing quote.
_TOKEN = re.compile(
    r"(\s*)([(\[{“\"«‘']*)(\S*?)((?:[.,;:!?…)\]}”\"»\-–—]|(?<![0-9])['’])*)(?=\s|$)"
)


class Token(NamedTuple):
    space: str  # the whitespace before it
    lead: str  # opening punctuation glued to it
    text: str  # what is read
    trail: str  # closing punctuation glued to it

    @property
    def word(self) -> str:
        return self.text.lower()

    @property
    def source(self) -> str:
        return self.space + self.lead + self.text + self.trail

    @property
    def has_digit(self) -> bool:
        return _ASCII_DIGIT.search(self.text) is not None  # "²" is not a number to read


def tokenize(line: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(line):
        if match.end() == match.start():
            continue  # the empty match at the very end
        space, lead, text, trail = match.groups()
        if not text and (lead or trail):  # punctuation only ("–", "..."): keep it whole as the text
            space, lead, text, trail = space, "", lead + trail, ""
        tokens.append(Token(space, lead, text, trail))
    return tokens
