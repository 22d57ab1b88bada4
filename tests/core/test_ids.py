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


def test_name_ids_are_the_same_on_every_device_and_differ_by_key():
    from handbook_desktop.core.ids import name_id

    assert name_id("attendance", "m1", "a") == name_id("attendance", "m1", "a")
    assert uuid.UUID(name_id("attendance", "m1", "a")).version == 5
    # the parts are kept apart: ("m1", "a") is not ("m", "1a")
    assert name_id("attendance", "m1", "a") != name_id("attendance", "m", "1a")
    # pinned: another namespace or joiner would split the ids of devices running different versions
    assert name_id("read_receipts", "documents", "d", "local") == str(
        uuid.uuid5(uuid.UUID("5f0c6a52-3b1e-4d57-9c1a-2f4b8e9d7a10"), "read_receipts\x1fdocuments\x1fd\x1flocal"))
