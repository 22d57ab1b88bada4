"""Attachment bytes by SHA-256. The filesystem store keeps them under the data folder;
an S3-compatible store would implement the same three methods for production."""

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

# The desktop library refuses larger files too (core/library/extract).
MAX_UPLOAD = 100 * 1024 * 1024


class HashMismatch(Exception):
    pass


class TooLarge(Exception):
    pass


class BlobStore(Protocol):
    def path(self, sha256: str) -> Path: ...
    def read(self, sha256: str) -> bytes: ...
    async def receive(self, sha256: str, chunks: AsyncIterator[bytes]) -> int: ...


class FileStore:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    async def receive(self, sha256: str, chunks: AsyncIterator[bytes]) -> int:
        """Store the uploaded bytes if they hash to `sha256`; the size. A half-received or
        mismatching upload never lands under its name."""
        target = self.path(sha256)
        target.parent.mkdir(exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > MAX_UPLOAD:
                        raise TooLarge
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != sha256:
                raise HashMismatch
            os.replace(temp, target)
        finally:
            Path(temp).unlink(missing_ok=True)
        return size
