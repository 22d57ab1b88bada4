"""`main.py setup` on a blank folder, then the roster and documents of the new cell; refusals."""

from handbook_desktop.core.paths import DATABASE_NAME

from .core.library.docfiles import party_docx
from .core.org.setup_helpers import CELL, PARENTS, kp5_roster
from .docgen.helpers import pdf_text, words
from .test_cli import run

PARENTS_ARG = "Đảng bộ phường Bắc Sơn > Thành ủy Sông Công › Tỉnh ủy Thái Nguyên"


def setup(data, *extra):
    return run("setup", "--cell", CELL, "--parents", PARENTS_ARG, "--place", "Bắc Sơn", "--term", "2025-2030",
               "--data-dir", str(data), *extra)


def test_setup_then_import_the_roster_and_documents_and_print(tmp_path):
    data = tmp_path / "blank"
    made = setup(data)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == (f"Đã thiết lập {CELL} ({' › '.join(PARENTS)}), nhiệm kỳ 2025-2030, "
                                           f"tại {data.resolve()}.")
    imported = run("members", "import", str(kp5_roster(tmp_path / "ds.xlsx")), "--data-dir", str(data))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1] == "Đã nhập: 5 mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi bỏ qua."
    documents = run("import", str(party_docx(tmp_path / "nq57.docx")), "--data-dir", str(data))
    assert documents.returncode == 0 and "57-NQ/TW" in documents.stdout, documents.stdout + documents.stderr
    found = run("search", "khoa học công nghệ", "--data-dir", str(data))
    assert found.returncode == 0 and "57-NQ/TW" in found.stdout, found.stdout + found.stderr
    rendered = run("render", "roster", "--out", str(tmp_path / "ds.pdf"), "--data-dir", str(data))
    assert rendered.returncode == 0, rendered.stderr
    text = " ".join(words(pdf_text(tmp_path / "ds.pdf")))
    assert "ĐẢNG BỘ PHƯỜNG BẮC SƠN CHI BỘ KHU PHỐ 5 * ĐẢNG CỘNG SẢN VIỆT NAM Bắc Sơn, ngày" in text
    assert "Tạ Văn Hùng" in text and text.endswith("T/M CHI BỘ BÍ THƯ Lý Văn Thành")


def test_a_second_setup_and_the_demo_are_refused(tmp_path):
    data = tmp_path / "ws"
    assert setup(data).returncode == 0
    again = setup(data)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert again.stderr.strip() == f"Lỗi: Dữ liệu này đã có chi bộ “{CELL}”; hãy sửa thông tin trong Cài đặt → Chi bộ."
    assert run("demo", "--data-dir", str(tmp_path / "demo")).returncode == 0
    on_demo = setup(tmp_path / "demo")
    assert on_demo.returncode == 2 and "dữ liệu mẫu" in on_demo.stderr


def test_bad_input_is_named_and_leaves_no_database(tmp_path):
    data = tmp_path / "typo"
    refused = run("setup", "--cell", " ", "--parents", " > ", "--term", "2025-2035", "--data-dir", str(data))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "Hãy ghi tên chi bộ" in refused.stderr and "ít nhất đảng bộ cơ sở" in refused.stderr
    assert "Nhiệm kỳ “2025-2035” không hợp lệ" in refused.stderr
    assert not (data / DATABASE_NAME).exists()


def test_the_term_defaults_to_the_current_one(tmp_path):
    made = run("setup", "--cell", CELL, "--parents", "Đảng bộ xã Tân Cương", "--data-dir", str(tmp_path / "ws"))
    assert made.returncode == 0, made.stderr
    assert "(Đảng bộ xã Tân Cương), nhiệm kỳ 20" in made.stdout
