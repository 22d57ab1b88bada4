"""The codes documents and articles store, without the database (screens name them without the ORM)."""

from enum import StrEnum


class DocumentType(StrEnum):
    NGHI_QUYET = "nghi_quyet"
    CHI_THI = "chi_thi"
    QUY_DINH = "quy_dinh"
    KET_LUAN = "ket_luan"
    HUONG_DAN = "huong_dan"
    THONG_BAO = "thong_bao"
    VAN_KIEN = "van_kien"
    QUYET_DINH = "quyet_dinh"
    KE_HOACH = "ke_hoach"
    BAO_CAO = "bao_cao"
    KHAC = "khac"


class Channel(StrEnum):
    NATIONAL = "national"
    INTERNATIONAL = "international"
    PROVINCIAL = "provincial"
    PROVINCIAL_BULLETIN = "provincial_bulletin"
    DISTRICT_BULLETIN = "district_bulletin"
    FRONT_BULLETIN = "front_bulletin"
    SOFT = "soft"
    ORIENTATION = "orientation"
    QA = "qa"
    IDENTIFY = "identify"
    REFERENCE = "reference"
