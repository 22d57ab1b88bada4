"""`main.py backup` and `main.py restore`: a round trip to a new laptop, a question, refusals."""

from sqlalchemy import select

from handbook_desktop.core.members import Member
from handbook_desktop.core.workspace import open_workspace

from .test_cli_search import run


def _names(folder) -> list[str]:
    workspace = open_workspace(folder)
    names = workspace.perform(lambda uow: sorted(uow.session.scalars(select(Member.full_name))), read_only=True)
    workspace.close()
    return names


def test_backup_then_restore_into_a_blank_folder_gives_the_same_members(demo_dir, tmp_path):
    (tmp_path / "usb").mkdir()
    made = run("backup", "--out", str(tmp_path / "usb" / "so-tay"), "--data-dir", str(demo_dir))
    assert made.returncode == 0, made.stderr
    assert "Đã sao lưu Chi bộ Khu phố 3" in made.stdout and (tmp_path / "usb" / "so-tay.sotay").is_file()
    restored = run("restore", str(tmp_path / "usb" / "so-tay.sotay"), "--data-dir", str(tmp_path / "new"))
    assert restored.returncode == 0, restored.stderr
    assert _names(tmp_path / "new") == _names(demo_dir)


def test_restore_asks_first_and_a_refusal_is_one_line(demo_dir, tmp_path):
    run("backup", "--out", str(tmp_path / "b.sotay"), "--data-dir", str(demo_dir))
    before = (demo_dir / "handbook.db").read_bytes()
    declined = run("restore", str(tmp_path / "b.sotay"), "--data-dir", str(demo_dir))  # no terminal: no
    assert declined.returncode == 1 and "Chưa khôi phục gì." in declined.stdout
    (tmp_path / "notes.sotay").write_text("không phải sao lưu")
    refused = run("restore", str(tmp_path / "notes.sotay"), "--yes", "--data-dir", str(demo_dir))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "không phải tệp sao lưu" in refused.stderr
    assert (demo_dir / "handbook.db").read_bytes() == before
    accepted = run("restore", str(tmp_path / "b.sotay"), "--yes", "--data-dir", str(demo_dir))
    assert accepted.returncode == 0 and "before-restore-" in accepted.stdout


def test_backup_into_a_folder_that_does_not_exist_is_refused(demo_dir, tmp_path):
    refused = run("backup", "--out", str(tmp_path / "mistyped" / "b.sotay"), "--data-dir", str(demo_dir))
    assert refused.returncode != 0 and "Không có thư mục" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "mistyped").exists()
