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
