"""`serve --demo`: the demo organisation of the desktop demo, its accounts and a few items.

Idempotent: a server already seeded is left as it is. Unit names and codes are those of
resources/demo/workspace.json, and the two Khu phố 3 accounts carry the member records of
that cell's secretary and of one member, so a demo laptop and the demo server agree. Both
demo cells share a small roster as records, so two laptops of one cell have something to sync.
"""

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.resources import resource_path
from sync.protocol import RECORD_FIELDS, ItemFields, ItemKind, PublishRequest, Role, UnitKind
from sync.server.models import Unit
from sync.server.services import accounts, admin, members, org, publishing, records
from sync.server.storage import BlobStore

PASSWORD = "demo"
# (username, full name, unit code, role, member key in workspace.json)
ACCOUNTS = (
    ("bithu.demo", "Trần Đức Dũng", "TN-SC-BS-KP3", Role.SECRETARY, "m01"),
    ("phobithu.demo", "Nguyễn Thị Thu Hương", "TN-SC-BS-KP3", Role.DEPUTY_SECRETARY, "m02"),
    ("dangvien.demo", "Vũ Thị Nguyệt", "TN-SC-BS-KP3", Role.MEMBER, "m07"),
    ("bithu4.demo", "Nguyễn Văn Bình", "TN-SC-BS-KP4", Role.SECRETARY, None),
    ("bientap.demo", "Hoàng Thị Mai", "TN-SC", Role.EDITOR, None),
    ("quantri.demo", "Quản trị hệ thống", "TN", Role.ADMIN, None),
)
KP4 = ("Chi bộ Khu phố 4", "TN-SC-BS-KP4", "TN-SC-BS")
# The roster each demo cell shares as records: Khu phố 3's first members of workspace.json
# (its two accounts among them), and a few people of Khu phố 4.
KP3_ROSTER = ("m01", "m02", "m03", "m04", "m07")
KP4_ROSTER = (
    {"full_name": "Nguyễn Văn Bình", "birth_date": "1968-03-02", "sex": "Nam", "status": "official",
     "admitted_on": "1995-06-10", "official_on": "1996-06-10", "card_number": "69517001"},
    {"full_name": "Lê Thị Hoa", "birth_date": "1979-11-21", "sex": "Nữ", "status": "official",
     "admitted_on": "2004-09-02", "official_on": "2005-09-02", "card_number": "69517002"},
    {"full_name": "Phạm Quốc Huy", "birth_date": "1996-07-15", "sex": "Nam", "status": "probationary",
     "admitted_on": "2025-05-19", "card_number": ""},
)
ITEMS = (
    ItemFields(kind=ItemKind.DOCUMENT, channel="orientation", number="145-HD/TU", doc_type="huong_dan",
               issuer="Thành ủy Sông Công", issued_on=date(2025, 11, 20),
               title="Hướng dẫn sinh hoạt chi bộ chuyên đề quý IV năm 2025",
               summary="Chủ đề sinh hoạt chuyên đề quý IV: học tập và làm theo tư tưởng, đạo đức, phong cách "
                       "Hồ Chí Minh gắn với chuyển đổi số ở khu dân cư.",
               body="Các chi bộ trực thuộc tổ chức sinh hoạt chuyên đề trong tháng 12 năm 2025.\n\n"
                    "Nội dung: liên hệ việc hướng dẫn người dân sử dụng dịch vụ công trực tuyến; mỗi đảng viên "
                    "nhận giúp đỡ ít nhất một hộ gia đình.\n\nKết quả báo cáo về Ban Tuyên giáo Thành ủy trước "
                    "ngày 10/01/2026."),
    ItemFields(kind=ItemKind.ARTICLE, channel="district_bulletin", category="Xây dựng Đảng",
               author="Ban Tuyên giáo Thành ủy", source="Bản tin Thành ủy Sông Công",
               title="Sông Công hoàn thành đại hội chi bộ nhiệm kỳ 2025–2030",
               summary="100% chi bộ trực thuộc Đảng bộ thành phố đã tổ chức xong đại hội nhiệm kỳ 2025–2030.",
               body="Theo Ban Tổ chức Thành ủy, các chi bộ đã bầu đủ cấp ủy, bí thư, phó bí thư theo đúng "
                    "quy định; nhiều chi bộ khu dân cư đổi mới cách tổ chức sinh hoạt."),
    ItemFields(kind=ItemKind.ARTICLE, channel="orientation", category="Định hướng tuyên truyền",
               author="Ban Tuyên giáo Thành ủy", source="Thành ủy Sông Công",
               title="Định hướng tuyên truyền tháng 12 năm 2025",
               summary="Tuyên truyền kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam và Ngày hội Quốc phòng toàn dân.",
               body="Các chi bộ phổ biến tới đảng viên và nhân dân ý nghĩa ngày 22/12; vận động thanh niên "
                    "sẵn sàng thực hiện nghĩa vụ quân sự năm 2026."),
)


def seed_demo(session: Session, store: BlobStore) -> bool:
    """Seed the demo organisation; False if it was there already."""
    if session.scalars(select(Unit).where(Unit.code == "TN")).first() is not None:
        return False
    data = json.loads(resource_path("demo", "workspace.json").read_text(encoding="utf-8"))
    codes = {unit["key"]: unit["code"] for unit in data["units"]}
    for unit in data["units"]:
        admin.create_unit(session, unit["name"], unit["code"], codes.get(unit["parent"]), UnitKind(unit["kind"]))
    admin.create_unit(session, *KP4)
    people = {member["key"]: member for member in data["members"]}
    member_ids: dict[str, str] = {}
    for username, full_name, unit_code, role, member_key in ACCOUNTS:
        user = admin.create_user(session, username, PASSWORD, unit_code, full_name, role)
        if member_key:
            record = people[member_key]
            member_ids[member_key] = members.save_member(
                session, user, full_name=record["full_name"], status=record["status"],
                birth_date=date.fromisoformat(record["birth_date"]), card_number=record["card_number"]).id
            session.commit()
    _roster(session, "TN-SC-BS-KP3", [people[key] | {"id": member_ids.get(key)} for key in KP3_ROSTER])
    _roster(session, "TN-SC-BS-KP4", list(KP4_ROSTER))
    editor = accounts.caller_for(session, admin.find_user(session, "bientap.demo"), device_id="")
    for number, fields in enumerate(ITEMS, start=1):
        publishing.publish(session, store, editor, PublishRequest(op_id=f"demo-{number}", item=fields,
                                                                  audience=["TN-SC"]))
    return True


def _roster(session: Session, cell_code: str, people: list[dict]) -> None:
    """The cell's members as records (a demo account's row has its member record's id)."""
    cell = org.find_unit(session, cell_code)
    for person in people:
        row = {name: person.get(name) or "" for name in RECORD_FIELDS["members"]}
        row |= {name: person.get(name) for name in ("birth_date", "admitted_on", "official_on")}
        records.create(session, "members", row | {"id": person.get("id") or new_id(), "unit_id": cell.id},
                       user="quantri.demo")
    session.commit()
