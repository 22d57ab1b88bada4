"""Dates and times the Vietnamese way: dd/mm/yyyy, 24-hour, Vietnam time (core/clock.py)."""

from datetime import date, datetime

from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.text.dates import read_date
from handbook_desktop.i18n import _


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.astimezone(VIETNAM_TIME).strftime("%H:%M %d/%m/%Y") if value else ""


def parse_date(text: str, field: str) -> date | None:
    """A date typed by a user (22/12/2024, 22-12-24, 2024-12-22 …); empty means unknown.
    `field` names it in errors."""
    reading = read_date(text)
    if reading.problem:
        raise ValidationError(_("{field}: “{text}” không phải ngày hợp lệ; hãy nhập theo dạng "
                                "ngày/tháng/năm, ví dụ 22/12/2024.").format(field=field, text=text.strip()))
    return reading.value
