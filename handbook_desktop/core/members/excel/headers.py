"""Finding the header of a member roster sheet and which column holds which field.

Rosters come from many hands: Mẫu 7-HSĐV copies, CSDL đảng viên exports, home-made sheets.
Headers are typed with or without tones, in any case, with stray spaces or line breaks,
sometimes as a group cell merged over sub-headers on a second row ("Trình độ" over "Giáo
dục phổ thông | Chuyên môn | Lý luận chính trị"), under a title row or two. A header is
compared by its folded letters and digits only, so all of that spelling noise vanishes.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from handbook_desktop.core.text.folding import fold

# Field keys a column may feed. `ordinal` is recognised only to be ignored; the two birth
# columns are the classic layout where the birth date is written under "Nam" or under "Nữ".
ALIASES: dict[str, tuple[str, ...]] = {
    "ordinal": ("STT", "Số TT", "TT", "Số thứ tự", "Thứ tự"),
    "full_name": ("Họ và tên", "Họ tên", "Họ và tên khai sinh", "Họ tên khai sinh", "Họ và tên đảng viên",
                  "Họ tên đảng viên", "Tên đảng viên", "Họ và tên đang dùng", "Họ, tên"),
    "birth_date": ("Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày", "Năm sinh",
                   "Ngày/tháng/năm sinh"),
    "birth_date_male": ("Ngày sinh Nam", "Năm sinh Nam", "Ngày tháng năm sinh Nam"),
    "birth_date_female": ("Ngày sinh Nữ", "Năm sinh Nữ", "Ngày tháng năm sinh Nữ"),
    "sex": ("Giới tính", "Nam/Nữ", "Nam, nữ", "Nam hay nữ", "Phái"),
    "ethnicity": ("Dân tộc",),
    "religion": ("Tôn giáo",),
    "hometown": ("Quê quán", "Nguyên quán", "Quê"),
    "address": ("Nơi thường trú", "Địa chỉ thường trú", "Nơi ở hiện nay", "Chỗ ở hiện nay", "Địa chỉ",
                "Nơi cư trú", "Địa chỉ nơi ở", "Hộ khẩu thường trú", "Nơi ở", "Thường trú"),
    "education": ("Giáo dục phổ thông", "Trình độ giáo dục phổ thông", "Phổ thông", "Văn hóa",
                  "Trình độ văn hóa", "Học vấn", "Trình độ học vấn", "GDPT"),
    "specialist_level": ("Chuyên môn nghiệp vụ", "Trình độ chuyên môn nghiệp vụ", "Chuyên môn",
                         "Trình độ chuyên môn", "CMNV", "Học hàm, học vị", "Trình độ chuyên môn, nghiệp vụ"),
    "theory_level": ("Lý luận chính trị", "Trình độ lý luận chính trị", "LLCT", "Chính trị",
                     "Trình độ chính trị", "Lý luận"),
    "occupation": ("Nghề nghiệp, chức vụ", "Nghề nghiệp", "Chức vụ", "Chức vụ, nghề nghiệp",
                   "Nghề nghiệp, chức vụ, đơn vị công tác", "Chức vụ, đơn vị công tác", "Công tác",
                   "Nghề nghiệp chức vụ hiện nay", "Nghề nghiệp, chức vụ hiện nay"),
    "admitted_on": ("Ngày vào Đảng", "Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày kết nạp vào Đảng", "Vào Đảng",
                    "Ngày, tháng, năm vào Đảng", "Ngày vào Đảng dự bị", "Ngày vào Đảng Dự bị", "Kết nạp"),
    "official_on": ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày vào Đảng chính thức",
                    "Ngày được công nhận đảng viên chính thức", "Chính thức", "Ngày chuyển chính thức",
                    "Công nhận chính thức"),
    "card_number": ("Số thẻ đảng viên", "Số thẻ", "Số thẻ ĐV", "Thẻ đảng viên", "Số thẻ Đảng", "Thẻ Đảng"),
    "transferred_in_on": ("Chuyển đến", "Ngày chuyển đến", "Chuyển sinh hoạt đến", "Chuyển sinh hoạt đảng đến",
                          "Chuyển đến ngày", "Ngày chuyển sinh hoạt đến"),
    "transferred_out_on": ("Chuyển đi", "Ngày chuyển đi", "Chuyển sinh hoạt đi", "Chuyển sinh hoạt đảng đi",
                           "Chuyển đi ngày", "Ngày chuyển sinh hoạt đi"),
    "died_on": ("Từ trần", "Ngày từ trần", "Đã từ trần", "Từ trần ngày", "Từ trần Ngày", "Ngày mất"),
    "left_on": ("Ra khỏi Đảng", "Ngày ra khỏi Đảng", "Ra khỏi Đảng ngày", "Ra khỏi Đảng Ngày",
                "Ra khỏi Đảng ngày, hình thức"),
    "left_form": ("Hình thức ra khỏi Đảng", "Ra khỏi Đảng hình thức", "Ra khỏi Đảng Hình thức"),
    "notes": ("Ghi chú",),
    "status": ("Tình trạng", "Trạng thái", "Tình trạng đảng viên", "Tình trạng sinh hoạt"),
    "phone": ("Điện thoại", "Số điện thoại", "SĐT", "ĐT", "Số ĐT", "Di động", "Điện thoại di động"),
}
REQUIRED = "full_name"
MIN_FIELDS = 3  # name + two more: fewer is a table of something else
SCAN_ROWS = 20  # a header sits under at most a few title rows

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING = re.compile(r"\(?\d{1,3}\)?")


def header_key(text: object) -> str:
    """A header's letters and digits, folded: "Ngày  vào\nĐẢNG" → "ngayvaodang"."""
    return _NOT_ALNUM.sub("", fold(str(text))) if text is not None else ""


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            index.setdefault(header_key(alias), name)
    return index


_INDEX = _build_index()


def match_header(text: object) -> str | None:
    """The field a header names, or None; a bracketed remark such as "(8 số)" is ignored."""
    if text is None:
        return None
    return _INDEX.get(header_key(text)) or _INDEX.get(header_key(_BRACKETS.sub(" ", str(text))))


@dataclass(frozen=True)
class Header:
    first_row: int  # index (0-based) of the header's first row in the rows given
    data_start: int  # index of the first row after the header (and a numbering row)
    columns: dict[int, str]  # column index → field key (ordinal dropped)
    labels: dict[int, str]  # column index → the header as written, for messages
    ignored: list[str] = field(default_factory=list)  # headers that name no field, or a repeat


def find_header(rows: list[Sequence[object]]) -> Header | None:
    """The most convincing one- or two-row header among the first rows, or None."""
    best: Header | None = None
    for index in range(min(SCAN_ROWS, len(rows))):
        for height in (1, 2):
            if index + height > len(rows):
                continue
            candidate = _read_header(rows, index, height)
            if REQUIRED in candidate.columns.values() and len(candidate.columns) >= MIN_FIELDS \
                    and (height == 1 or _is_subheader(rows, candidate)) \
                    and (best is None or len(candidate.columns) > len(best.columns)):
                best = candidate
    return best


def _is_subheader(rows: list[list[object]], header: Header) -> bool:
    """A second header row holds text only, and nothing under the name (a member would)."""
    upper, lower = rows[header.first_row], rows[header.first_row + 1]
    if any(value is not None and not isinstance(value, str) for value in lower):
        return False
    name_column = next(column for column, name in header.columns.items() if name == REQUIRED)
    under_name = lower[name_column] if name_column < len(lower) else None
    return not under_name or not str(under_name).strip() or (name_column < len(upper)
                                                              and under_name == upper[name_column])


def _read_header(rows: list[list[object]], index: int, height: int) -> Header:
    top = _texts(rows[index])
    bottom = _texts(rows[index + 1]) if height == 2 else [""] * len(top)
    width = max(len(top), len(bottom))
    top, bottom = top + [""] * (width - len(top)), bottom + [""] * (width - len(bottom))
    top = _fill_groups(top, bottom)
    columns: dict[int, str] = {}
    labels: dict[int, str] = {}
    ignored: list[str] = []
    for column in range(width):
        label = " ".join(part for part in _parts(top[column], bottom[column]))
        if not label:
            continue
        name = _field_of(top[column], bottom[column])
        if name is None or name in columns.values():
            ignored.append(label)
        elif name != "ordinal":
            columns[column], labels[column] = name, label
    return Header(index, _skip_numbering(rows, index + height), columns, labels, ignored)


def _texts(row: list[object]) -> list[str]:
    return [" ".join(str(value).split()) if value is not None else "" for value in row]


def _fill_groups(top: list[str], bottom: list[str]) -> list[str]:
    """A group title typed once over several sub-headers (no merge) applies to all of them."""
    filled, group = list(top), ""
    for column, (upper, lower) in enumerate(zip(top, bottom, strict=True)):
        if upper:
            group = upper if lower else ""
        elif lower and group:
            filled[column] = group
    return filled


def _parts(upper: str, lower: str) -> list[str]:
    return [upper] if upper == lower or not lower else [part for part in (upper, lower) if part]


def _field_of(upper: str, lower: str) -> str | None:
    """Group and sub-header together first ("Ra khỏi Đảng" + "Ngày"), then each alone."""
    if not lower or lower == upper:
        return match_header(upper)
    if not upper:
        return match_header(lower)
    return (match_header(f"{upper} {lower}") or match_header(f"{lower} {upper}")
            or match_header(upper) or match_header(lower))


def _skip_numbering(rows: list[list[object]], start: int) -> int:
    """Forms number their columns under the header: (1) (2) (3) … is not a member."""
    while start < len(rows):
        cells = [str(value).strip() for value in rows[start] if value not in (None, "")]
        if len(cells) < 3 or not all(_NUMBERING.fullmatch(cell) for cell in cells):
            return start
        start += 1
    return start
