"""Member cards with a QR code, and reading the code back at a meeting's attendance.

The code carries no secret, only a stable identifier: "SOTAYDV:1:" then the member id
written as a decimal number. Digits because a USB scanner types like a keyboard, and on a
Vietnamese laptop Unikey (Telex or VNI) is usually on: typed hex such as "af" or "a1" would
come out as "à" or "á". Letters and digits of that alphabet also make the densest QR code
(alphanumeric mode). The plain UUID form after the prefix is read as well.
"""

import re
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.members.records import get_member
from handbook_desktop.core.org import cell_name
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

PREFIX = "SOTAYDV:1:"
_PAYLOAD = re.compile(r"sotaydv:1:(?:(\d{1,39})|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))")


def member_qr_payload(member: object) -> str:
    """The text of a member's QR code; `member` is a member row, a Member, or an id."""
    member_id = member if isinstance(member, str) else member.id
    try:
        return PREFIX + str(uuid.UUID(member_id).int)
    except ValueError:  # not a UUID (never made by this app): carried as it is
        return PREFIX + member_id


def parse_qr_payload(text: str) -> str | None:
    """The member id in a scanned code, or None when it is not one of ours.

    Scanners end with Enter or Tab and may type with Caps Lock on; stray tone marks that an
    input method added are dropped.
    """
    folded = fold("".join(text.split()))
    match = _PAYLOAD.fullmatch(folded)
    if not match:
        return None
    number, plain = match.groups()
    if plain:
        return plain
    value = int(number)
    return str(uuid.UUID(int=value)) if value < 1 << 128 else None


def write_member_card(uow: UnitOfWork, member_id: str, path: Path) -> Path:
    """A card for printing: .svg (name, card number, cell and the code) or .png (the code only)."""
    import segno  # only the card and attendance screens need it

    path = Path(path)
    member = get_member(uow, member_id)
    code = segno.make(member_qr_payload(member), error="m")
    try:
        if path.suffix.lower() == ".png":
            code.save(str(path), kind="png", scale=10, border=4)
        elif path.suffix.lower() == ".svg":
            modules = [(x, y) for y, row in enumerate(code.matrix_iter(border=2)) for x, dark in enumerate(row)
                       if dark]
            size = code.symbol_size(border=2)[0]
            path.write_text(_card_svg(member, cell_name(uow), modules, size), encoding="utf-8")
        else:
            raise UserError(_("Thẻ đảng viên chỉ lưu được dạng .png hoặc .svg, không phải “{name}”.")
                            .format(name=path.name))
    except OSError as exc:
        raise UserError(_("Không ghi được tệp {path} ({error}).").format(path=path, error=exc.strerror or exc)) \
            from exc
    return path


def write_member_card_png(uow: UnitOfWork, member_id: str, path: Path) -> Path:
    return write_member_card(uow, member_id, Path(path).with_suffix(".png"))


_CARD_WIDTH, _TEXT_X, _MARGIN = 85.6, 37.0, 3.0  # millimetres, ID-1 card
_POINT = 0.3528  # mm per typographic point


def _card_svg(member, cell: str, modules: list[tuple[int, int]], size: int) -> str:
    """ID-1 size (85.6 × 54 mm). Printed Party paperwork is Vietnamese whatever the UI language."""
    lines = [(9, True, "#b71c1c", "ĐẢNG CỘNG SẢN VIỆT NAM"), (8, False, "#000", cell),
             (11, True, "#000", member.full_name),
             (8, False, "#000", f"Sinh ngày: {format_date(member.birth_date)}" if member.birth_date else ""),
             (8, False, "#000", f"Số thẻ: {member.card_number}" if member.card_number else "")]
    texts = "".join(_text_line(14 + 7 * i, *line) for i, line in enumerate(lines) if line[3])
    # One path of unit squares, scaled: crisp at any print resolution, unlike an embedded image.
    path = "".join(f"M{x} {y}h1v1h-1z" for x, y in modules)
    scale = 31 / size
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_CARD_WIDTH}mm" height="54mm" '
            f'viewBox="0 0 {_CARD_WIDTH} 54">'
            '<rect x="0.2" y="0.2" width="85.2" height="53.6" rx="3" fill="#fff" stroke="#b71c1c" stroke-width="0.4"/>'
            f'<g transform="translate(3 11.5) scale({scale:.5f})"><rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path d="{path}" fill="#000"/></g>{texts}</svg>\n')


def _text_line(y: float, points: int, bold: bool, color: str, text: str) -> str:
    """A line that would run past the card's edge is squeezed to fit (glyph widths are estimated)."""
    size = points * _POINT
    room = _CARD_WIDTH - _TEXT_X - _MARGIN
    fit = f' textLength="{room:.1f}" lengthAdjust="spacingAndGlyphs"' if len(text) * size * (
        0.62 if bold else 0.55) > room else ""
    return (f'<text x="{_TEXT_X}" y="{y}" font-size="{size:.2f}" font-weight="{"bold" if bold else "normal"}" '
            f'fill="{color}" font-family="Liberation Serif, Times New Roman, DejaVu Serif, serif"{fit}>'
            f'{escape(text)}</text>')
