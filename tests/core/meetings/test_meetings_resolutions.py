"""Resolutions: numbers per term (01 again in a new term), gaps, duplicates, concurrency,
the signed copy and the follow-up of their tasks."""

import os
import subprocess
import sys
import threading
from datetime import date

import pytest
from sqlalchemy import select

from handbook_desktop.core import attachments
from handbook_desktop.core.meetings.models import Resolution
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core import meetings
from handbook_desktop.core.meetings import ResolutionForm, ResolutionItemForm
from handbook_desktop.core.workspace import open_workspace

from ...conftest import REPO
from .meeting_helpers import act, at, demo_members, new_meeting, small_cell


def form(day: date, title: str = "Hội nghị chi bộ") -> ResolutionForm:
    return ResolutionForm(title, day, ["Đảng ủy phường (để b/c)", "Lưu chi bộ"], [ResolutionItemForm("Thông qua")])


def test_terms_are_five_years_and_can_be_recorded(workspace):
    assert meetings.default_term(date(2026, 11, 20)) == "2025-2030"
    assert meetings.default_term(date(2024, 12, 31)) == "2020-2025"
    assert meetings.default_term(date(2030, 1, 1)) == "2030-2035"
    assert act(workspace, meetings.set_current_term, " 2025 - 2030 ") == "2025-2030"
    assert act(workspace, meetings.current_term, date(2030, 3, 1)) == "2025-2030"  # the congress has not met yet
    assert act(workspace, meetings.current_term, date(2031, 3, 1)) == "2030-2035"  # the recorded one is over
    for wrong in ("2025", "2030-2025", "2025-2040", "nhiệm kỳ mới"):
        with pytest.raises(ValidationError, match="Nhiệm kỳ"):
            act(workspace, meetings.set_current_term, wrong)


def test_demo_counter_continues_and_a_new_term_restarts_at_01(demo_workspace):
    members = list(demo_members(demo_workspace).values())
    december = new_meeting(demo_workspace, at(2026, 12, 18))
    assert act(demo_workspace, meetings.next_resolution_number, "2025-2030") == 12
    saved = act(demo_workspace, meetings.create_resolution, december, form(date(2026, 12, 18)))
    assert (saved.resolution.number, saved.resolution.symbol, saved.resolution.term) == (12, "12-NQ/CB", "2025-2030")
    assert saved.warnings == []
    act(demo_workspace, meetings.set_current_term, "2030-2035")
    later = new_meeting(demo_workspace, at(2030, 9, 18), chair_id=members[0].id)
    first = act(demo_workspace, meetings.create_resolution, later, form(date(2030, 9, 18))).resolution
    assert (first.symbol, first.term) == ("01-NQ/CB", "2030-2035")
    report = act(demo_workspace, meetings.numbering_report, "2025-2030")
    assert report.numbers == [10, 11, 12] and report.gaps == list(range(1, 10)) and report.next_number == 13


def test_a_skipped_number_warns_and_a_used_one_is_refused(demo_workspace):
    december = new_meeting(demo_workspace, at(2026, 12, 18))
    january = new_meeting(demo_workspace, at(2027, 1, 18))
    with pytest.raises(ValidationError, match="10-NQ/CB nhiệm kỳ 2025-2030 đã cấp"):
        act(demo_workspace, meetings.create_resolution, december, form(date(2026, 12, 18)), number=10)
    saved = act(demo_workspace, meetings.create_resolution, december, form(date(2026, 12, 18)), number=15)
    assert saved.warnings == ["Số 15-NQ/CB bỏ cách: chưa có 12-NQ/CB … 14-NQ/CB."]
    with pytest.raises(ValidationError, match="đã có nghị quyết"):
        act(demo_workspace, meetings.create_resolution, december, form(date(2026, 12, 18)))
    filled = act(demo_workspace, meetings.create_resolution, january, form(date(2027, 1, 18)), number=12)
    assert filled.warnings == [] and act(demo_workspace, meetings.numbering_report, "2025-2030").gaps[-2:] == [13, 14]


def test_a_deleted_resolutions_number_is_not_given_again(workspace):
    small_cell(workspace)
    first, second = new_meeting(workspace, at(2026, 10, 20)), new_meeting(workspace, at(2026, 11, 20))
    issued = act(workspace, meetings.create_resolution, first, form(date(2026, 10, 20))).resolution
    with workspace.session() as s:
        s.get(Resolution, issued.id).deleted_at = utcnow()
    assert act(workspace, meetings.create_resolution, second, form(date(2026, 11, 20))).resolution.number == 2


def _meetings(workspace, count: int) -> list[str]:
    small_cell(workspace)
    return [new_meeting(workspace, at(2026 + i // 28, 1 + i % 12, 1 + i % 28)) for i in range(count)]


def test_concurrent_threads_never_share_a_number(workspace):
    """Two windows (each its own engine) issue resolutions at the same time."""
    ids = _meetings(workspace, 16)
    barrier, errors = threading.Barrier(2), []

    def issue(batch: list[str]) -> None:
        ws = open_workspace(workspace.data_dir)
        try:
            barrier.wait()
            for meeting_id in batch:
                act(ws, meetings.create_resolution, meeting_id, form(date(2026, 12, 1)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            ws.close()

    threads = [threading.Thread(target=issue, args=(ids[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert act(workspace, meetings.numbering_report, "2025-2030").numbers == list(range(1, 17))


def test_the_same_number_asked_twice_at_once_is_given_once(workspace):
    first, second = _meetings(workspace, 2)
    barrier, outcomes = threading.Barrier(2), []

    def issue(meeting_id: str) -> None:
        ws = open_workspace(workspace.data_dir)
        try:
            barrier.wait()
            act(ws, meetings.create_resolution, meeting_id, form(date(2026, 12, 1)), number=5)
            outcomes.append("issued")
        except ValidationError as exc:
            outcomes.append(exc.message)
        finally:
            ws.close()

    threads = [threading.Thread(target=issue, args=(meeting_id,)) for meeting_id in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "issued" and "05-NQ/CB" in sorted(outcomes)[0]
    assert act(workspace, meetings.numbering_report, "2025-2030").numbers == [5]


CHILD = """
import sys, time
from datetime import date
from pathlib import Path
from handbook_desktop.core import meetings
from handbook_desktop.core.workspace import open_workspace

workspace = open_workspace(Path(sys.argv[1]))
start = float(sys.argv[2])
while time.time() < start:  # both processes begin together
    time.sleep(0.001)
for meeting_id in sys.argv[3:]:
    form = meetings.ResolutionForm("Hội nghị chi bộ", date(2026, 12, 1), [], [])
    print(workspace.perform(lambda uow: meetings.create_resolution(uow, meeting_id, form)).resolution.number, flush=True)
workspace.close()
"""


def test_concurrent_processes_never_share_a_number(workspace):
    import time

    ids = _meetings(workspace, 20)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = str(time.time() + 1.5)
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(workspace.data_dir), start, *ids[i::2]], cwd=REPO,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for i in range(2)]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _, err in outputs]
    numbers = [int(n) for out, _ in outputs for n in out.split()]
    assert sorted(numbers) == list(range(1, 21))
    assert act(workspace, meetings.numbering_report, "2025-2030").numbers == list(range(1, 21))


def test_signed_copy_is_stored_beside_the_resolution(demo_workspace, tmp_path):
    resolution = act(demo_workspace, meetings.resolution_of_meeting, act(demo_workspace, meetings.meeting_history)[0].id)
    scan = tmp_path / "Nghị quyết 11 đã ký.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 signed scan")
    attached = act(demo_workspace, meetings.attach_signed_copy, resolution.id, scan)
    assert (attached.filename, attached.mime_type) == ("Nghị quyết 11 đã ký.jpg", "image/jpeg")
    assert attachments.blob_path(demo_workspace.data_dir, attached.sha256).read_bytes() == scan.read_bytes()
    assert act(demo_workspace, meetings.get_resolution, resolution.id).signed_copies == [attached]
    notes = tmp_path / "ghi chú.docx"
    notes.write_bytes(b"PK")
    with pytest.raises(ValidationError, match=r"\.pdf"):
        act(demo_workspace, meetings.attach_signed_copy, resolution.id, notes)
    act(demo_workspace, meetings.remove_signed_copy, attached.id)
    assert act(demo_workspace, meetings.get_resolution, resolution.id).signed_copies == []


def test_update_keeps_number_and_item_identities(demo_workspace):
    resolution = act(demo_workspace, meetings.resolution_of_meeting, act(demo_workspace, meetings.meeting_history)[0].id)
    owner = resolution.items[1].owner_id
    items = [ResolutionItemForm(i.text, i.owner_id, i.due_on, i.id) for i in resolution.items[:2]]
    items.append(ResolutionItemForm("Rà soát hồ sơ đảng viên dự bị", owner, date(2026, 12, 15)))
    changed = act(demo_workspace, meetings.update_resolution, resolution.id, ResolutionForm(
        resolution.title, resolution.issued_on, resolution.recipients, items,
        tuple(i.id for i in resolution.items))).resolution
    assert changed.number == 11 and [i.id for i in changed.items[:2]] == [i.id for i in resolution.items[:2]]
    assert len(changed.items) == 3 and changed.items[2].owner_name == resolution.items[1].owner_name


def test_tasks_of_the_previous_resolution_are_followed_up(demo_workspace):
    november, october = act(demo_workspace, meetings.meeting_history)[:2]
    tasks = act(demo_workspace, meetings.follow_up_tasks, november.id)
    assert {t.resolution_symbol for t in tasks} == {"10-NQ/CB"} and len(tasks) == 4  # the result item is no task
    assert [t.overdue for t in tasks] == [True, True, True, False]  # due 7, 15, 15 and 30 November
    assert tasks[0].owner_name == "Trần Đức Dũng"
    act(demo_workspace, meetings.set_task_done, tasks[0].item_id, date(2026, 11, 7))
    assert not act(demo_workspace, meetings.follow_up_tasks, november.id)[0].overdue
    assert act(demo_workspace, meetings.follow_up_tasks, october.id) == []
    december = new_meeting(demo_workspace, at(2026, 12, 18))
    assert {t.resolution_symbol for t in act(demo_workspace, meetings.follow_up_tasks, december)} == {"11-NQ/CB"}
    with pytest.raises(ValidationError, match="Ngày hoàn thành"):
        act(demo_workspace, meetings.set_task_done, tasks[1].item_id, date(2026, 1, 1))
    latest = act(demo_workspace, meetings.latest_resolution_tasks, date(2026, 12, 1))
    assert [t.overdue for t in latest] == [False, False, True, False]


def test_resolution_defaults_come_from_the_meeting(demo_workspace):
    december = new_meeting(demo_workspace, at(2026, 12, 18))
    defaults = act(demo_workspace, meetings.resolution_defaults, december)
    assert defaults.title == "Hội nghị chi bộ thường kỳ tháng 12 năm 2026" and defaults.issued_on == date(2026, 12, 18)
    assert defaults.recipients == ["Đảng bộ phường Bắc Sơn (để b/c)", "Đảng viên trong chi bộ", "Lưu chi bộ"]
    with demo_workspace.session() as s:
        assert s.scalar(select(OrgUnit.name).where(OrgUnit.kind == UnitKind.GRASSROOTS)) == "Đảng bộ phường Bắc Sơn"
