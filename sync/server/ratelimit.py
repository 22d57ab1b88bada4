"""Failed logins per (user name, address): after too many in a window, 429 until it passes.

In-process memory: one server process counts its own failures. Behind several workers
the limit is per worker; a shared store (PostgreSQL or Redis) would replace this class.
"""

import threading
import time
from collections import defaultdict, deque


class LoginLimiter:
    def __init__(self, failures: int, window: int):
        self.failures, self.window = failures, window
        self._seen: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, key: tuple[str, str]) -> int:
        """Seconds to wait before trying again; 0 when a try is allowed."""
        with self._lock:
            recent = self._recent(key) if key in self._seen else ()
            if len(recent) < self.failures:
                return 0
            return max(1, int(recent[0] + self.window - time.monotonic()) + 1)

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._recent(key).append(time.monotonic())

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._seen.pop(key, None)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        recent = self._seen[key]
        while recent and recent[0] < time.monotonic() - self.window:
            recent.popleft()
        return recent
