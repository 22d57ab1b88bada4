"""Document layouts, one module per document: its blocks, and the wording that fills them.

`minutes` and `resolution` are made of named fields (the placeholders of the user-editable
DOCX templates) plus a context; the others put their data straight into the blocks.
`common` holds what several share (the header block, the cell's signature, "Nơi nhận").
"""

from handbook_desktop.docgen.layouts.attendance_sheet import attendance_layout
from handbook_desktop.docgen.layouts.invitation import invitation_layout
from handbook_desktop.docgen.layouts.minutes import minutes_layout
from handbook_desktop.docgen.layouts.report import report_layout
from handbook_desktop.docgen.layouts.resolution import resolution_layout
from handbook_desktop.docgen.layouts.roster import roster_layout

__all__ = ["attendance_layout", "invitation_layout", "minutes_layout", "report_layout", "resolution_layout",
           "roster_layout"]
