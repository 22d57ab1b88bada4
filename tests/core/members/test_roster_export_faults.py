"""Exporting the roster where it cannot be written: a message, and no file left behind."""

import pytest

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.members import export_roster

from ..faults import full_disk


def test_a_full_disk_is_named_and_leaves_no_partial_file(demo_workspace, tmp_path, monkeypatch):
    with full_disk(tmp_path / "disk", monkeypatch) as disk:
        with pytest.raises(UserError, match="Ổ đĩa đã đầy") as caught:
            demo_workspace.perform(lambda uow: export_roster(uow, disk / "danh-sach.xlsx"))
        assert "bị hỏng" not in caught.value.message
        assert list(disk.iterdir()) == []
