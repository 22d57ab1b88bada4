"""The sync history the "Đồng bộ" page lists: one row per round, kept on this device only."""

from datetime import datetime

from sqlalchemy import select

from handbook_desktop.core.models import SyncRun
from handbook_desktop.core.workspace import UnitOfWork

__all__ = ["SyncRun", "last_success", "list_runs"]


def list_runs(uow: UnitOfWork, limit: int = 50) -> list[SyncRun]:
    """Newest first."""
    return list(uow.session.scalars(select(SyncRun).order_by(SyncRun.started_at.desc(), SyncRun.id.desc())
                                    .limit(limit)))


def last_success(uow: UnitOfWork) -> datetime | None:
    return uow.session.scalar(select(SyncRun.finished_at).where(SyncRun.ok.is_(True))
                              .order_by(SyncRun.finished_at.desc()).limit(1))
