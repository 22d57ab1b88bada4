"""Table-driven tests for the Vietnamese speech normalizer, grouped per rule."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from dataclasses import replace

from handbook_desktop.tts.normalize import normalize, split_sentences
from handbook_desktop.tts.tables import USER_TABLES_DIR, builtin_tables, load_tables, table_path
from handbook_desktop.tts.numbers import number_to_words, ordinal_words

# ---- cardinal numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (2005, "hai nghìn không trăm linh năm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (2100, "hai nghìn một trăm"),
        (10_000, "mười nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_250_000, "một triệu hai trăm năm mươi nghìn"),
        (1_000_000_000, "một tỷ"),
        (2_500_000_000, "hai tỷ năm trăm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (-7, "âm bảy"),
    ],
)
def test_number_to_words(number: int, words: str) -> None:
    assert number_to_words(number) == words


@pytest.mark.parametrize(
    ("number", "words"), [(1, "nhất"), (2, "hai"), (4, "tư"), (13, "mười ba"), (24, "hai mươi tư")]
)
def test_ordinal_words(number: int, words: str) -> None:
    assert ordinal_words(number) == words


# ---- numbers in running text ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", "hai nghìn không trăm hai mươi lăm"),
        ("1.250.000", "một triệu hai trăm năm mươi nghìn"),
        ("15,5%", "mười lăm phẩy năm phần trăm"),
        ("tăng 0,05%", "tăng không phẩy không năm phần trăm"),
        ("93,33%", "chín mươi ba phẩy ba mươi ba phần trăm"),
        ("1.250.000,5", "một triệu hai trăm năm mươi nghìn phẩy năm"),
        ("1,250,000 người", "một triệu hai trăm năm mươi nghìn người"),
        ("có 05 đồng chí", "có năm đồng chí"),
        ("-5°C", "âm năm độ xê"),
        ("nhiệt độ −3 độ", "nhiệt độ âm ba độ"),
        ("2021-2025", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"),
        (
            "nhiệm kỳ 2020-2025",
            "nhiệm kỳ hai nghìn không trăm hai mươi đến hai nghìn không trăm hai mươi lăm",
        ),
        ("từ 5-7 người", "từ năm đến bảy người"),
        ("tăng 5–7%", "tăng năm đến bảy phần trăm"),
        ("0912345678", "không chín một hai ba bốn năm sáu bảy tám"),
        ("0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám"),
        ("ĐT: 0912.345.678", "điện thoại: không chín một hai, ba bốn năm, sáu bảy tám"),
        ("500.000 đồng", "năm trăm nghìn đồng"),
        ("500.000đ", "năm trăm nghìn đồng"),
        ("200.000 VNĐ", "hai trăm nghìn đồng"),
        ("5 tr", "năm triệu"),
        ("65tr đồng/người/năm", "sáu mươi lăm triệu đồng một người một năm"),
        ("$20", "hai mươi đô la"),
        ("1,5 tỷ đồng", "một phẩy năm tỷ đồng"),
        ("100 m2", "một trăm mét vuông"),
        ("3 ha lúa", "ba héc ta lúa"),
        ("Điều 2.1", "Điều hai chấm một"),
        ("tăng 6.5%", "tăng sáu phẩy năm phần trăm"),
        ("45/50 đại biểu", "bốn mươi lăm trên năm mươi đại biểu"),
        ("2/3 số đảng viên", "hai phần ba số đảng viên"),
        ("3/4 số đại biểu", "ba phần tư số đại biểu"),
        ("COVID-19", "cô vít mười chín"),
        ("H5N1", "H năm N một"),
        ("số CCCD 001234567890", "số căn cước công dân không không một hai ba bốn năm sáu bảy tám chín không"),
    ],
)
def test_numbers_in_text(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thứ 2", "thứ hai"),
        ("thứ 4", "thứ tư"),
        ("thứ 1", "thứ nhất"),
        ("Thứ 7", "Thứ bảy"),
        ("lần thứ 13", "lần thứ mười ba"),
        ("tháng 4", "tháng tư"),
        ("tháng 04 hằng năm", "tháng tư hằng năm"),
        ("tháng 1", "tháng một"),
        ("tháng 11", "tháng mười một"),
        ("tháng 4-5", "tháng tư đến tháng năm"),
    ],
)
def test_ordinals_and_months(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- dates and times ------------------------------------------------------------------

YEAR_2025 = "năm hai nghìn không trăm hai mươi lăm"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28/10/2025", f"ngày hai mươi tám tháng mười {YEAR_2025}"),
        ("ngày 28/10/2025", f"ngày hai mươi tám tháng mười {YEAR_2025}"),
        ("Ngày 28/10/2025", f"Ngày hai mươi tám tháng mười {YEAR_2025}"),
        ("Hà Nội, ngày 01/04/2025", f"Hà Nội, ngày một tháng tư {YEAR_2025}"),
        ("28-10-2025", f"ngày hai mươi tám tháng mười {YEAR_2025}"),
        ("28.10.2025", f"ngày hai mươi tám tháng mười {YEAR_2025}"),
        ("mùng 2/9/1945", "mùng hai tháng chín năm một nghìn chín trăm bốn mươi lăm"),
        ("10/2025", f"tháng mười {YEAR_2025}"),
        ("tháng 10/2025", f"tháng mười {YEAR_2025}"),
        ("tháng 4/2025", f"tháng tư {YEAR_2025}"),
        ("quý 1/2025", f"quý một {YEAR_2025}"),
        ("Quốc khánh 2/9", "Quốc khánh hai tháng chín"),
        ("từ ngày 28-30/10/2025", f"từ ngày hai mươi tám đến ba mươi tháng mười {YEAR_2025}"),
        ("32/13/2025", "ba mươi hai, mười ba, hai nghìn không trăm hai mươi lăm"),
        ("14h30", "mười bốn giờ ba mươi phút"),
        ("7h", "bảy giờ"),
        ("7h00 sáng", "bảy giờ sáng"),
        ("14h05'", "mười bốn giờ năm phút"),
        ("14:30", "mười bốn giờ ba mươi phút"),
        ("19 giờ 30", "mười chín giờ ba mươi"),
        ("từ 7h30-11h00", "từ bảy giờ ba mươi phút đến mười một giờ"),
        ("ngày 3/2", "ngày ba tháng hai"),
        ("5 ha", "năm héc ta"),
    ],
)
def test_dates_and_times(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- document symbols -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị quyết số 05-NQ/TW", "Nghị quyết số năm, nghị quyết Trung ương"),
        ("Quy định 08-QĐi/TW", "Quy định tám, quy định Trung ương"),
        ("Chỉ thị 05-CT/TW", "Chỉ thị năm, chỉ thị Trung ương"),
        ("Kết luận 21-KL/TW", "Kết luận hai mươi mốt, kết luận Trung ương"),
        ("Hướng dẫn 12-HD/BTCTW", "Hướng dẫn mười hai, hướng dẫn Ban Tổ chức Trung ương"),
        ("Kế hoạch 01-KH/CB", "Kế hoạch một, kế hoạch chi bộ"),
        ("Báo cáo 15-BC/ĐU", "Báo cáo mười lăm, báo cáo đảng ủy"),
        ("Quyết định 99-QĐ/BCT", "Quyết định chín mươi chín, quyết định Bộ Chính trị"),
        ("Chương trình 03-CTr/ThU", "Chương trình ba, chương trình thành ủy"),
        ("Quyết định 17/QĐ-TTg", "Quyết định mười bảy, quyết định Thủ tướng"),
        (
            "Nghị định 145/2020/NĐ-CP",
            (
                "Nghị định một trăm bốn mươi lăm, năm hai nghìn không trăm hai mươi, "
                "nghị định Chính phủ"
            ),
        ),
        ("theo NĐ-CP", "theo nghị định Chính phủ"),
        ("QH15", "Quốc hội khóa mười lăm"),
        (
            "Luật số 59/2020/QH14",
            "Luật số năm mươi chín, năm hai nghìn không trăm hai mươi, Quốc hội khóa mười bốn",
        ),
        ("Công văn 45-CV/UBKTTW", "Công văn bốn mươi lăm, công văn Ủy ban Kiểm tra Trung ương"),
        ("phòng 2-B", "phòng hai B"),
        ("các NQ/TW", "các nghị quyết Trung ương"),
        (
            "Thông tư 12/2024/TT-BNV",
            "Thông tư mười hai, năm hai nghìn không trăm hai mươi tư, thông tư Bộ Nội vụ",
        ),
        ("Nghị quyết 05-NQ/XYZ", "Nghị quyết năm, nghị quyết ích i dét"),
    ],
)
def test_document_symbols(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- abbreviations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BCH TW", "Ban Chấp hành Trung ương"),
        ("UBND xã", "Ủy ban nhân dân xã"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("MTTQ và các đoàn thể", "Mặt trận Tổ quốc và các đoàn thể"),
        ("BTV Huyện ủy", "Ban Thường vụ Huyện ủy"),
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("TP. Hà Nội", "thành phố Hà Nội"),
        ("Q. 1", "quận một"),
        ("Q.3", "quận ba"),
        ("P. Bến Nghé", "phường Bến Nghé"),
        ("ông Nguyễn Văn P. Ông ấy", "ông Nguyễn Văn P. Ông ấy"),
        ("loại P. thường", "loại P. thường"),
        ("TS. Nguyễn Văn A", "tiến sĩ Nguyễn Văn A"),
        ("PGS.TS. Trần B", "phó giáo sư, tiến sĩ Trần B"),
        ("xây dựng CNXH", "xây dựng chủ nghĩa xã hội"),
        ("đẩy mạnh CNH-HĐH", "đẩy mạnh công nghiệp hóa, hiện đại hóa"),
        ("phát triển KT-XH", "phát triển kinh tế, xã hội"),
        ("BHXH, BHYT", "bảo hiểm xã hội, bảo hiểm y tế"),
        ("trình độ ĐH", "trình độ đại học"),
        ("đ/c Bí thư", "đồng chí Bí thư"),
        ("TWITTER", "TWITTER"),
        ("tw", "tw"),
        ("các tổ chức, v.v. đều", "các tổ chức, vân vân đều"),
        ("các tổ chức, v.v.", "các tổ chức, vân vân."),
    ],
)
def test_abbreviations(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_user_abbreviations_also_name_document_issuers() -> None:
    tables = replace(builtin_tables(), abbreviations={**builtin_tables().abbreviations, "BTGTU": "Ban Tuyên giáo Tỉnh ủy"})
    assert normalize("Hướng dẫn 03-HD/BTGTU", tables) == (
        "Hướng dẫn ba, hướng dẫn Ban Tuyên giáo Tỉnh ủy"
    )


def test_custom_abbreviation_mapping_replaces_builtin_table() -> None:
    tables = replace(builtin_tables(), abbreviations={"ABC": "a bê xê"})
    assert normalize("UBND và ABC", tables) == "u bê nờ dê và a bê xê"  # unknown now: spelled


# ---- Roman numerals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đại hội XIV", "Đại hội mười bốn"),
        ("Ban Chấp hành Trung ương khóa XIII", "Ban Chấp hành Trung ương khóa mười ba"),
        ("khoá XII", "khoá mười hai"),
        ("Chương II", "Chương hai"),
        ("Điều V", "Điều năm"),
        ("phần III", "phần ba"),
        ("lần thứ IV", "lần thứ tư"),
        ("lần thứ I", "lần thứ nhất"),
        ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
        ("quý IV/2025", f"quý bốn {YEAR_2025}"),
        ("I. Tình hình", "Phần một. Tình hình"),
        ("IV) Nhiệm vụ", "Phần bốn. Nhiệm vụ"),
        ("I think so", "I think so"),
        ("vitamin C và V", "vitamin C và V"),
        ("C. Kết luận", "C. Kết luận"),
        ("Đại hội IIII", "Đại hội IIII"),
        ("phần di sản", "phần di sản"),
    ],
)
def test_roman_numerals(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- web addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dangcongsan.vn", "đảng cộng sản chấm vi en"),
        (
            "Xem https://dangcongsan.vn/tin-tuc/abc-123.html.",
            "Xem đảng cộng sản chấm vi en.",
        ),
        ("www.chinhphu.vn", "chính phủ chấm vi en"),
        ("tại tinhuy.hanoi.gov.vn", "tại tỉnh ủy chấm hà nội chấm gốp chấm vi en"),
        ("xem abc-news.com.vn", "xem abc news chấm com chấm vi en"),
        (
            "vanphong.tu@dangcongsan.vn",
            "vanphong chấm tu a còng đảng cộng sản chấm vi en",
        ),
        ("chibo_5@gmail.com", "chibo gạch dưới năm a còng gmail chấm com"),
    ],
)
def test_web_addresses(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- layout and punctuation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("• Nội dung", "Nội dung"),
        ("- Nội dung", "Nội dung"),
        ("– Nội dung", "Nội dung"),
        ("* Nội dung", "Nội dung"),
        ("▪ Nội dung", "Nội dung"),
        ("✓ Đã xong", "Đã xong"),
        ("│ STT │ Họ tên │", "số thứ tự, Họ tên"),
        ("| Họ tên | Chức vụ |", "Họ tên, Chức vụ"),
        ("+---+---+\nNội dung", "Nội dung"),
        ("┌──┬──┐\n│ A │ B │\n└──┴──┘", "A, B"),
        ("Thật sao!!!", "Thật sao!"),
        ("Được,,, rồi....", "Được, rồi..."),
        ("Đảng ủy/chi bộ", "Đảng ủy, chi bộ"),
        ("Đảng & Nhà nước", "Đảng và Nhà nước"),
        ("Họ tên: ______", "Họ tên"),
        ("kinh tế -- xã hội", "kinh tế, xã hội"),
        ("~50 người", "khoảng năm mươi người"),
        ("#3", "số ba"),
        ("  nhiều   khoảng\ttrắng  ", "nhiều khoảng trắng"),
        ("dòng một\n\n\ndòng hai", "dòng một\ndòng hai"),
    ],
)
def test_layout_and_punctuation(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        (
            unicodedata.normalize("NFD", "Nghị quyết số 05-NQ/TW"),
            "Nghị quyết số năm, nghị quyết Trung ương",
        ),
        (unicodedata.normalize("NFD", "tháng 4"), "tháng tư"),
        ("٣ người", "ba người"),
        ("a\u200bb\x00c", "ab c"),
        ("9" * 40, " ".join(["chín"] * 40)),
    ],
)
def test_robustness(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_failing_rule_falls_back_instead_of_raising(monkeypatch) -> None:
    from handbook_desktop.tts import normalize as module

    def broken(text: str) -> str:
        raise RuntimeError("bug in a rule")

    monkeypatch.setattr(module, "_read_tokens", broken)
    assert normalize("Năm 2025 có 3 đợt") == "Năm hai không hai năm có ba đợt"


PARTY_PARAGRAPH = """I. TÌNH HÌNH CHUNG
Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Hội nghị Trung ương 5 khóa XIII \
và Kế hoạch số 12-KH/TU ngày 05/8/2022 của Tỉnh ủy, trong năm 2024 Chi bộ đã kết nạp \
3 đảng viên mới, nâng tổng số ĐV lên 45 đồng chí (tăng 7,1% so với năm 2023).
- Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 93,33%; đóng đảng phí đạt 12.500.000 đồng.
• Sinh hoạt chi bộ định kỳ vào 14h00 ngày 03 hằng tháng tại trụ sở UBND xã, v.v.
Phấn đấu đến năm 2025 thu nhập bình quân đạt 65 tr đồng/người/năm; nhiệm kỳ 2020-2025 \
hoàn thành 15/15 chỉ tiêu. Chi tiết xem tại https://tinhuy.dangcongsan.vn/van-ban/123 \
hoặc liên hệ đ/c Bí thư: 0912.345.678."""


def test_party_paragraph_exact_second_line() -> None:
    lines = normalize(PARTY_PARAGRAPH).splitlines()
    assert lines[0] == "Phần một. TÌNH HÌNH CHUNG"
    assert lines[2] == (
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt chín mươi ba phẩy ba mươi ba phần trăm; "
        "đóng đảng phí đạt mười hai triệu năm trăm nghìn đồng."
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "Nghị quyết số hai mươi mốt, nghị quyết Trung ương",
        "ngày mười sáu tháng sáu năm hai nghìn không trăm hai mươi hai",
        "Hội nghị Trung ương năm khóa mười ba",
        "Kế hoạch số mười hai, kế hoạch tỉnh ủy ngày năm tháng tám",
        "nâng tổng số đảng viên lên bốn mươi lăm đồng chí",
        "tăng bảy phẩy một phần trăm",
        "vào mười bốn giờ ngày ba hằng tháng",
        "Ủy ban nhân dân xã, vân vân.",
        "sáu mươi lăm triệu đồng một người một năm",
        "hoàn thành mười lăm trên mười lăm chỉ tiêu",
        "tỉnh ủy chấm đảng cộng sản chấm vi en",
        "liên hệ đồng chí Bí thư: không chín một hai, ba bốn năm, sáu bảy tám.",
    ],
)
def test_party_paragraph_contains(phrase: str) -> None:
    assert phrase in normalize(PARTY_PARAGRAPH)


@pytest.mark.parametrize("fragment", ["NQ", "TW", "ĐV", "UBND", "v.v", "http", "/", "•", "van-ban"])
def test_party_paragraph_does_not_contain(fragment: str) -> None:
    assert fragment not in normalize(PARTY_PARAGRAPH)


def test_party_paragraph_has_no_digits_and_is_stable() -> None:
    spoken = normalize(PARTY_PARAGRAPH)
    assert not re.search(r"[0-9]", spoken)
    assert normalize(spoken) == spoken


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_reads_party_paragraph_without_switching_to_english() -> None:
    spoken = normalize(PARTY_PARAGRAPH)
    result = subprocess.run(
        ["espeak-ng", "-v", "vi", "-q", "-x", spoken],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    # "(en)" marks a word eSpeak gave up on and read as English letters.
    assert "(en)" not in result.stdout


# ---- sentence splitting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Một câu. Hai câu.", ["Một câu.", "Hai câu."]),
        ("Hết rồi! Thật không? Có.", ["Hết rồi!", "Thật không?", "Có."]),
        ("Sống tại TP. Hà Nội. Hết.", ["Sống tại TP. Hà Nội.", "Hết."]),
        ("Ở Q. 1 và P. Bến Nghé. Hết.", ["Ở Q. 1 và P. Bến Nghé.", "Hết."]),
        ("TS. Nguyễn Văn A phát biểu.", ["TS. Nguyễn Văn A phát biểu."]),
        (
            "Theo ThS. Lê Bình và PGS. Trần Cường. Hết.",
            ["Theo ThS. Lê Bình và PGS. Trần Cường.", "Hết."],
        ),
        ("Thực hiện 05-NQ/TW. Tiếp theo.", ["Thực hiện 05-NQ/TW.", "Tiếp theo."]),
        ("Lãi suất 15.5 phần trăm. Hết.", ["Lãi suất 15.5 phần trăm.", "Hết."]),
        ("Lãi suất 15,5%. Hết.", ["Lãi suất 15,5%.", "Hết."]),
        ("Ngày 28.10.2025 họp. Hết.", ["Ngày 28.10.2025 họp.", "Hết."]),
        ("Các tổ chức, v.v. đều tham gia.", ["Các tổ chức, v.v. đều tham gia."]),
        ("Đoàn, Hội, v.v. Các đồng chí dự.", ["Đoàn, Hội, v.v.", "Các đồng chí dự."]),
        ("1. Ưu điểm. Tốt.", ["1. Ưu điểm.", "Tốt."]),
        ("I. Tình hình chung", ["I. Tình hình chung"]),
        ("Lời dạy của V. I. Lênin. Hết.", ["Lời dạy của V. I. Lênin.", "Hết."]),
        ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
        ("Chờ đợi… rồi đi. Hết…", ["Chờ đợi… rồi đi.", "Hết…"]),
        ("Ông nói: “Đúng.” Sau đó về.", ["Ông nói: “Đúng.”", "Sau đó về."]),
        ("", []),
        ("  \n  ", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_split_sentences_on_normalized_text() -> None:
    spoken = normalize("Sống tại TP. Hà Nội từ 28/10/2025. Nghị quyết 05-NQ/TW. Hết.")
    assert split_sentences(spoken) == [
        f"Sống tại thành phố Hà Nội từ ngày hai mươi tám tháng mười {YEAR_2025}.",
        "Nghị quyết năm, nghị quyết Trung ương.",
        "Hết.",
    ]


# ---- abbreviation table -------------------------------------------------------------------------


def test_builtin_table_is_large_and_has_required_entries() -> None:
    table = builtin_tables().abbreviations
    assert len(table) >= 60
    required = (
        "TW UBND HĐND MTTQ BCH BTV ĐV CB TP TP.HCM Q. P. TX TT TS. ThS. PGS. GS. CNXH XHCN "
        "CNH-HĐH KT-XH ANQP QP-AN BHXH BHYT THCS THPT CLB HTX CCB ĐTN TNCS LHPN ND v.v. ĐBQH ĐH CĐ"
    )
    assert not [key for key in required.split() if key not in table]


def test_builtin_tables_live_in_resources() -> None:
    assert table_path("abbreviations.tsv").parts[-3:] == ("resources", "tts", "abbreviations.tsv")
    tables = builtin_tables()
    assert tables.units["km"].words == "ki lô mét" and tables.currencies["USD"] == "đô la Mỹ"
    assert "chương" in tables.numbered_words and tables.letters["W"] == "vê kép"


def _user_tables(tmp_path, name: str, text: str):
    folder = tmp_path / USER_TABLES_DIR
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_tables(tmp_path)


def test_user_file_is_merged_over_builtin_table(tmp_path) -> None:
    tables = _user_tables(
        tmp_path,
        "abbreviations.tsv",
        "\ufeff# my own words\n"
        "CB\tchi bộ\n"
        "HTCT\thệ thống chính trị\n"
        "\n"
        "broken line without tab\n"
        "EMPTY\t\n",
    )
    table = tables.abbreviations
    assert table["CB"] == "chi bộ"  # user wins
    assert table["HTCT"] == "hệ thống chính trị"  # user adds
    assert table["UBND"] == "Ủy ban nhân dân"  # built-in kept
    assert "broken line without tab" not in table
    assert "EMPTY" not in table
    assert normalize("CB và HTCT", tables) == "chi bộ và hệ thống chính trị"


def test_user_units_currencies_and_numbered_words_count(tmp_path) -> None:
    _user_tables(tmp_path, "units.tsv", "sào\tsào\nmẫu\tmẫu\nbbl\tthùng dầu\talone\n")
    _user_tables(tmp_path, "currencies.tsv", "KRW\twon Hàn Quốc\n")
    tables = _user_tables(tmp_path, "numbered_words.tsv", "khu vực\n")
    assert normalize("giá 80 USD/bbl", tables) == "giá tám mươi đô la Mỹ trên thùng dầu"
    assert normalize("5000 KRW", tables) == "năm nghìn won Hàn Quốc"
    assert normalize("Khu vực IV", tables) == "Khu vực bốn"
    assert normalize("Khu vực IV") == "Khu vực IV"


def test_user_file_in_nfd_is_matched_against_nfc_text(tmp_path) -> None:
    tables = _user_tables(tmp_path, "abbreviations.tsv", unicodedata.normalize("NFD", "ĐBND\tđồng bào nhân dân\n"))
    assert normalize("ĐBND", tables) == "đồng bào nhân dân"


def test_missing_or_broken_user_files_fall_back_to_builtin_tables(tmp_path) -> None:
    assert load_tables(tmp_path) is builtin_tables()
    (tmp_path / USER_TABLES_DIR).mkdir()
    (tmp_path / USER_TABLES_DIR / "units.tsv").write_bytes(b"\xff\xfe\x00broken")
    tables = load_tables(tmp_path)
    assert tables.units == builtin_tables().units
    assert normalize("TW 5 km", tables) == "Trung ương năm ki lô mét"


# ---- context decides (cases found while trying the token pipeline) ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Điện áp 220 V, dòng điện 5 A", "Điện áp hai trăm hai mươi vôn, dòng điện năm am pe"),
        ("Tổ 5A, Quốc lộ 1A, lớp 12 A", "Tổ năm A, Quốc lộ một A, lớp mười hai A"),
        ("gọi 113", "gọi một một ba"),
        ("Tổng đài đã nhận 113 cuộc gọi", "Tổng đài đã nhận một trăm mười ba cuộc gọi"),
        ("các khóa XI, XII và XIII", "các khóa mười một, mười hai và mười ba"),
        ("2023-03-15", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi ba"),
        ("cao 1m75", "cao một mét bảy mươi lăm"),
        ("mạng 5G", "mạng năm G"),
        ("dài 10.5 km", "dài mười phẩy năm ki lô mét"),
        ("(024) 3825 1234", "không hai bốn, ba tám hai năm, một hai ba bốn"),
        ("2.000 USD/ounce", "hai nghìn đô la Mỹ một ounce"),
        ("(1tr5/người)", "(một triệu năm trăm nghìn một người)"),
        ("25-26/12", "hai mươi lăm đến hai mươi sáu tháng mười hai"),
        ("mã ABC-01-23A", "mã a bê xê không một hai mươi ba A"),
        ("UBND P. 5", "Ủy ban nhân dân phường năm"),
        ("Nguyễn Văn P. và", "Nguyễn Văn P. và"),
        ("đơn vị tính: USD", "đơn vị tính: đô la Mỹ"),
        ("Đảng ủy/chi bộ", "Đảng ủy, chi bộ"),
        ("xếp thứ 4/63", "xếp thứ tư trên sáu mươi ba"),
    ],
)
def test_context_decides(text: str, expected: str) -> None:
    assert normalize(text) == expected
