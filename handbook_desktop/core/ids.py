"""UUIDv7 identifiers: time-ordered, so new rows cluster at the end of indexes."""

import secrets
import time
import uuid


def new_id() -> str:
    """Return a UUIDv7 (RFC 9562) as text; Python 3.11 has no uuid.uuid7 yet."""
    unix_ms = time.time_ns() // 1_000_000 & ((1 << 48) - 1)
    value = (
        unix_ms << 80
        | 0x7 << 76  # version 7
        | secrets.randbits(12) << 64
        | 0b10 << 62  # RFC variant
        | secrets.randbits(62)
    )
    return str(uuid.UUID(int=value))


# Fixed for good: ids made from it are shared by every device and the server.
NAME_SPACE = uuid.UUID("5f0c6a52-3b1e-4d57-9c1a-2f4b8e9d7a10")


def name_id(*parts: str) -> str:
    """The id of a row known by its natural key (attendance: meeting and member): a name-based
    UUID (uuid5), so two devices recording the same thing offline make the same row."""
    return str(uuid.uuid5(NAME_SPACE, "\x1f".join(parts)))
