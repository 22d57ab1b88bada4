"""`main.py render …` run as a user runs it: a separate process writing real files."""

import shutil

import pytest
from docx import Document

from .conftest import REPO
from .docgen.helpers import pdf_fonts, pdf_text
from .test_cli import run


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("render") / "ws"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    return data


@pytest.fixture
def data(demo_folder, tmp_path):
    """A copy per test, so no test sees what another changed."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_folder, copy)
    return copy


def render(data, *args):
    return run("render", *args, "--data-dir", str(data))


def test_minutes_of_the_latest_meeting_as_pdf(data, tmp_path):
    out = tmp_path / "bien_ban.pdf"
    result = render(data, "minutes", "--meeting", "latest", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã xuất biên bản họp chi bộ ra {out} (3 trang)."
    text = " ".join(pdf_text(out).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BIÊN BẢN" in text and "THÁNG 11 NĂM 2026" in text
    assert all(font["emb"] == "yes" for font in pdf_fonts(out))


def test_resolution_as_docx(data, tmp_path):
    out = tmp_path / "nghi_quyet.DOCX"  # the extension's case does not matter
    result = render(data, "resolution", "--meeting", "latest", "--out", str(out))
    assert result.returncode == 0, result.stderr
    document = Document(str(out))
    assert document.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 11-NQ/CB"


def test_roster_and_report_need_no_meeting(data, tmp_path):
    roster = render(data, "roster", "--out", str(tmp_path / "ds.pdf"))
    assert roster.returncode == 0, roster.stderr
    report = render(data, "report", "--period", "2026-Q4", "--out", str(tmp_path / "bc.pdf"))
    assert report.returncode == 0, report.stderr
    assert "QUÝ IV NĂM 2026" in pdf_text(tmp_path / "bc.pdf")
    monthly = render(data, "report", "--meeting", "latest", "--out", str(tmp_path / "bc11.docx"))
    assert monthly.returncode == 0, monthly.stderr  # the month of the meeting
    assert any("THÁNG 11 NĂM 2026" in p.text for p in Document(str(tmp_path / "bc11.docx")).paragraphs)


def test_a_past_periods_report_counts_the_cell_as_it_stood_at_the_periods_end(data, tmp_path):
    """January 2025: two members not yet admitted, one not yet transferred in; one member not yet
    transferred out and one not yet deceased (excused then)."""
    result = render(data, "report", "--period", "2025-01", "--out", str(tmp_path / "bc.pdf"))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(tmp_path / "bc.pdf").split())
    assert ("Đến ngày 31/01/2025, tổng số đảng viên: 24 đồng chí (chính thức: 24, dự bị: 0); miễn công tác và "
            "sinh hoạt đảng: 4 đồng chí; đi sinh hoạt tạm thời nơi khác: 0 đồng chí; phải dự: 20 đồng chí.") in text


def test_invitation_and_attendance_by_meeting_id(data, tmp_path):
    from handbook_desktop.core.workspace import open_workspace
    from handbook_desktop.docgen.sources.meeting import latest_meeting_id

    workspace = open_workspace(data)
    try:
        meeting = workspace.perform(latest_meeting_id)
    finally:
        workspace.close()
    for kind in ("invitation", "attendance"):
        result = render(data, kind, "--meeting", meeting, "--out", str(tmp_path / f"{kind}.pdf"))
        assert result.returncode == 0, result.stderr
    assert "GIẤY MỜI" in pdf_text(tmp_path / "invitation.pdf")


def test_custom_template(data, tmp_path):
    template = REPO / "resources" / "templates" / "bien_ban_hop_chi_bo.docx"
    out = tmp_path / "bb.docx"
    result = render(data, "minutes", "--meeting", "latest", "--template", str(template), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã xuất biên bản họp chi bộ ra {out}."


@pytest.mark.parametrize(("args", "message"), [
    (["minutes", "--meeting", "khong-co", "--out", "x.pdf"], "Không tìm thấy cuộc họp “khong-co”"),
    (["minutes", "--meeting", "latest", "--out", "x.odt"], "chỉ xuất được .pdf hoặc .docx"),
    (["minutes", "--out", "x.pdf"], "--meeting"),
    (["minutes", "--meeting", "latest"], "--out"),
    (["report", "--period", "2026-13", "--out", "x.pdf"], "Kỳ báo cáo “2026-13” không hợp lệ"),
    (["minutes", "--meeting", "latest", "--template", "khong_co.docx", "--out", "x.docx"], "Không tìm thấy mẫu"),
])
def test_user_errors_are_one_line_and_exit_2(data, tmp_path, args, message):
    args = [str(tmp_path / a) if a in ("x.pdf", "x.odt", "x.docx") else a for a in args]
    result = render(data, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_unwritable_path_is_a_user_error(data, tmp_path):
    out = tmp_path / "khong_co_thu_muc" / "bb.pdf"
    result = render(data, "minutes", "--meeting", "latest", "--out", str(out))
    assert result.returncode == 2 and result.stderr.startswith("Lỗi: Không ghi được tệp")
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_without_a_database_nothing_is_created(tmp_path):
    result = run("render", "roster", "--out", str(tmp_path / "ds.pdf"), "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 2 and "chưa có cơ sở dữ liệu" in result.stderr
    assert not (tmp_path / "empty" / "handbook.db").exists()


def test_english_interface_translates_messages_not_documents(data, tmp_path):
    (data / "settings.json").write_text('{"version": 1, "values": {"ui/language": "en"}}')
    out = tmp_path / "bb.pdf"
    result = render(data, "minutes", "--meeting", "latest", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Exported") and "BIÊN BẢN" in pdf_text(out)
    error = render(data, "minutes", "--meeting", "latest", "--out", str(tmp_path / "x.odt"))
    assert error.stderr.startswith("Error: ")
