"""`main.py trash`, run as a user runs it: a separate process."""

from sqlalchemy import select

from handbook_desktop.core.library import Document
from handbook_desktop.core.meetings import Meeting, MeetingState
from handbook_desktop.core.workspace import open_workspace

from .test_cli_search import run


def test_delete_list_and_restore_a_document(demo_dir):
    workspace = open_workspace(demo_dir)
    with workspace.session() as session:
        document_id = session.scalar(select(Document.id).where(Document.number == "57-NQ/TW"))
    workspace.close()

    deleted = run("trash", "delete", "document", document_id, "--data-dir", str(demo_dir))
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.startswith("Đã xóa văn bản “57-NQ/TW | Nghị quyết về đột phá")
    assert "57-NQ/TW | " not in run("search", "57-NQ/TW", "--data-dir", str(demo_dir)).stdout
    listed = run("trash", "--data-dir", str(demo_dir)).stdout.splitlines()
    assert len(listed) == 1 and listed[0].startswith(f"document | {document_id} | ")

    restored = run("trash", "restore", "document", document_id, "--data-dir", str(demo_dir))
    assert restored.returncode == 0 and restored.stdout.startswith("Đã khôi phục văn bản")
    assert run("search", "57-NQ/TW", "--data-dir", str(demo_dir)).stdout.startswith("57-NQ/TW | ")
    assert run("trash", "--data-dir", str(demo_dir)).stdout.strip() == "Không có gì bị xóa trong 30 ngày qua."


def test_a_refusal_is_one_line_and_exit_code_2(demo_dir):
    workspace = open_workspace(demo_dir)
    with workspace.session() as session:
        approved = session.scalar(select(Meeting.id).where(Meeting.state == MeetingState.APPROVED).limit(1))
    workspace.close()
    result = run("trash", "delete", "meeting", approved, "--data-dir", str(demo_dir))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Lỗi: Biên bản cuộc họp") and len(result.stderr.splitlines()) == 1
