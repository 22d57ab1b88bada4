"""The Đồng bộ page says what a round did to the cell's records, in words."""

from handbook_desktop.core.models import SyncRun
from handbook_desktop.ui.sync.sync_page import _what, arrived
from sync.engine import SyncReport


def test_the_history_line_counts_records_pushes_refusals_and_conflicts():
    run = SyncRun(ok=True, pulled=0, records=3, pushed=2, rejected=1, conflicts=1)
    assert _what(run) == "Nhận 3 bản ghi của chi bộ; gửi 2 thay đổi; 1 thay đổi bị từ chối; 1 xung đột cần quyết định"
    assert _what(SyncRun(ok=True, pulled=0, records=0, pushed=0, rejected=0, conflicts=0)) == "Không có gì mới"


def test_the_status_line_says_why_a_change_was_refused():
    report = SyncReport(pushed=1, rejected=1, problems=["Cuộc họp đã được duyệt."])
    assert arrived(report) == ("Đã đồng bộ. Hồ sơ chi bộ: gửi 1 thay đổi; 1 thay đổi bị từ chối; "
                               "lý do: Cuộc họp đã được duyệt.")
    assert arrived(SyncReport()) == "Đã đồng bộ: không có gì mới."
