"""Vietnam time: the one clock every date on screen and on paper is read from.

Times are stored in UTC and always shown in Vietnam time (UTC+7, no daylight saving),
whatever the laptop's own zone: a meeting at 19:30 in Thái Nguyên is 19:30 on paper.
"""

from datetime import date, datetime, timedelta, timezone

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def vietnam_now() -> datetime:
    return datetime.now(VIETNAM_TIME)


def vietnam_today() -> date:
    return vietnam_now().date()


def local_day(moment: datetime) -> date:
    """The calendar day in Vietnam of a stored (UTC) time."""
    return moment.astimezone(VIETNAM_TIME).date()
