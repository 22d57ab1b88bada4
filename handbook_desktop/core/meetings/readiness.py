"""How ready the next meeting is: plain data, read by preparation.py and shown by the home page
(also from its snapshot, without the database)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MaterialsState(StrEnum):
    READY = "ready"  # at least one material, every one posted a day ahead
    WAITING = "waiting"  # not ready yet, but there is still time
    LATE = "late"  # the day-ahead deadline passed without all materials in time


@dataclass(frozen=True)
class Readiness:
    meeting_id: str
    title: str
    starts_at: datetime
    days_left: int  # calendar days in Vietnam from today to the meeting (negative: past)
    agenda_items: int
    materials: int
    materials_on_time: int
    materials_deadline: datetime
    materials_state: MaterialsState
    invitees: int
    invitations_sent: int  # sent, accepted or declined
    warnings: list[str]
