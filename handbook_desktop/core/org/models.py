"""The org-unit tree and the local view of users and their roles."""


from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable
from handbook_desktop.core.org.codes import UnitKind, Role  # noqa: F401 - also named here


class OrgUnit(Base, Syncable):
    """A Party organisation. Its own `unit_id` is its parent (itself at the root)."""

    __tablename__ = "org_units"

    kind: Mapped[UnitKind] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(32), default="")
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("org_units.id"), index=True)


class User(Base, Syncable):
    """A login known to this device; passwords live on the server only."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))


class RoleAssignment(Base, Syncable):
    __tablename__ = "role_assignments"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[Role] = mapped_column(String(32))
