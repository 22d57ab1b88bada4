"""The codes the unit tree and roles store, without the database (screens name them without the ORM)."""

from enum import StrEnum


class UnitKind(StrEnum):
    PROVINCE = "province"  # Tỉnh ủy
    DISTRICT = "district"  # Huyện ủy / Thành ủy / Đảng ủy trực thuộc
    GRASSROOTS = "grassroots"  # Đảng bộ cơ sở
    CELL = "cell"  # Chi bộ


class Role(StrEnum):
    MEMBER = "member"
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    COMMITTEE = "committee"
    EDITOR = "editor"
    ADMIN = "admin"
