"""Autosave survives a crash: a child process types into the minutes and is killed mid-edit."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core import meetings
from handbook_desktop.core.workspace import open_workspace

from ...conftest import REPO
from .meeting_helpers import act, at, new_meeting, small_cell

# The child saves a draft after every "keystroke batch" and the whole minutes every tenth
# time, so a kill may land in either kind of transaction. It prints each number once its
# transaction has committed.
CHILD = """
import sys
from pathlib import Path
from handbook_desktop.core import meetings
from handbook_desktop.core.workspace import open_workspace

workspace = open_workspace(Path(sys.argv[1]))
meeting_id, speaker, item = sys.argv[2:5]
for i in range(1, 100_000):
    content = meetings.MinutesContent(
        conclusions=f"Kết luận lần {i}: " + "chi bộ thống nhất giao nhiệm vụ cụ thể. " * 20,
        speeches=tuple(meetings.SpeechDraft(f"Ý kiến {n} của đồng chí", item, speaker) for n in range(i % 40)))
    if i % 10 == 0:
        workspace.perform(lambda uow: meetings.save_minutes(uow, meeting_id, content))
    else:
        workspace.perform(lambda uow: meetings.save_minutes_draft(uow, meeting_id, content))
    print(i, flush=True)
"""


def _prepare(data_dir):
    workspace = open_workspace(data_dir)
    try:
        members = small_cell(workspace)
        meeting_id = new_meeting(workspace, at(2026, 12, 18), members)
        item = act(workspace, meetings.set_agenda, meeting_id, [meetings.AgendaEntry("Báo cáo tháng 12")]).items[0]
        act(workspace, meetings.mark_pending_present, meeting_id)
        return meeting_id, list(members.values())[0], item.id
    finally:
        workspace.close()


def _run_and_kill(data_dir, args, lines_before_kill: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), *args], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last = 0
    try:
        deadline = time.monotonic() + 60
        while last < lines_before_kill and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"child stopped early: {child.stderr.read()}")
            last = int(line)
    finally:
        child.send_signal(signal.SIGKILL)  # no clean-up, no atexit: like a crash
        child.wait()
    assert child.returncode == -signal.SIGKILL
    return last


@pytest.mark.parametrize("lines_before_kill", [7, 23, 61])
def test_killed_while_typing_keeps_the_last_committed_draft(tmp_path, lines_before_kill):
    data_dir = tmp_path / "workspace"
    meeting_id, speaker, item = _prepare(data_dir)
    printed = _run_and_kill(data_dir, [meeting_id, speaker, item], lines_before_kill)

    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    workspace = open_workspace(data_dir)
    try:
        minutes = act(workspace, meetings.load_minutes, meeting_id)
    finally:
        workspace.close()
    # The number printed had committed; one more may have committed before the output did.
    saved = int(minutes.content.conclusions.split(":")[0].removeprefix("Kết luận lần "))
    assert printed <= saved <= printed + 1
    assert len(minutes.content.speeches) == saved % 40  # the draft is whole, not torn
    assert (minutes.draft_saved_at is None) == (saved % 10 == 0)
