"""Dates and times the Vietnamese way: dd/mm/yyyy, 24-hour, Vietnam time.

Times are stored in UTC and always shown in Vietnam time (UTC+7, no daylight saving),
whatever the laptop's own zone: a meeting at 19:30 in Thái Nguyên is 19:30 on paper.
"""

from datetime import date, datetime, timedelta, timezone

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.astimezone(VIETNAM_TIME).strftime("%H:%M %d/%m/%Y") if value else ""
