"""A new cell as a secretary sets it up on a blank laptop, and the roster she imports next."""

from pathlib import Path

from tests.core.members.rosterfiles import simple_roster

CELL = "Chi bộ Khu phố 5"
PARENTS = ("Đảng bộ phường Bắc Sơn", "Thành ủy Sông Công", "Tỉnh ủy Thái Nguyên")
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
          "Nghề nghiệp, chức vụ"]
MEMBERS = [
    ["Lý Văn Thành", "12/03/1958", "Nam", "15/05/1985", "15/05/1986", "11111111", "Bí thư Chi bộ, Trưởng khu phố 5"],
    ["Đinh Thị Nga", "02/09/1970", "Nữ", "10/10/1995", "10/10/1996", "22222222", "Phó Bí thư Chi bộ"],
    ["Mạc Văn Lực", "20/01/1965", "Nam", "03/02/1990", "03/02/1991", "33333333", "Cựu chiến binh"],
    ["Kiều Thị Mai", "08/08/1980", "Nữ", "19/05/2005", "19/05/2006", "44444444", "Giáo viên"],
    ["Tạ Văn Hùng", "30/04/1975", "Nam", "02/09/2000", "02/09/2001", "55555555", "Kỹ sư"],
]


def kp5_roster(path: Path) -> Path:
    return simple_roster(path, HEADER, MEMBERS)
