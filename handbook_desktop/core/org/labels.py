"""Vietnamese names of the kinds of party units."""

from handbook_desktop.core.labels import register
from handbook_desktop.core.org.codes import UnitKind
from handbook_desktop.i18n import N_

UNIT_KIND_LABELS = register({
    UnitKind.PROVINCE: N_("Tỉnh ủy"),
    UnitKind.DISTRICT: N_("Huyện ủy, Thành ủy"),
    UnitKind.GRASSROOTS: N_("Đảng bộ cơ sở"),
    UnitKind.CELL: N_("Chi bộ"),
})
