"""How one server runs: where its database and files live, and how long tokens last."""

from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "server.db"


@dataclass(frozen=True)
class ServerSettings:
    data_dir: Path
    database_url: str = ""  # empty: an SQLite file in the data folder
    name: str = "Máy chủ Sổ tay đảng viên"
    access_ttl: int = 15 * 60  # seconds
    refresh_ttl: int = 90 * 24 * 3600
    login_failures: int = 5  # per user and address within `login_window` seconds, then 429
    login_window: int = 60

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / DATABASE_NAME}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "attachments"
