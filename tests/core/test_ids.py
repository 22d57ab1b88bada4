import time
import uuid

from handbook_desktop.core.ids import new_id


def test_ids_are_uuid7_and_ordered_by_time():
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    parsed = uuid.UUID(first)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert abs((parsed.int >> 80) / 1000 - time.time()) < 5
    assert first < second


def test_ids_are_unique():
    assert len({new_id() for _ in range(10_000)}) == 10_000
