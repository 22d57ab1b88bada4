"""Is the sync server reachable? A cheap TCP probe, so a dead line answers fast."""

import socket
from urllib.parse import urlsplit


def server_reachable(url: str, timeout: float = 3.0) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False
