"""Document generation: Party-format documents as DOCX and PDF (no Qt here).

The GUI and the CLI call:

- `docgen.render.render_document(workspace, kind, out, meeting_id=…, period=…, template=…)`
  → `Rendered(path, kind, format, pages, template)`; the format follows `out`'s extension.
- `docgen.render.build_layout(uow, kind, meeting_id, period)` → `Layout` (backend-free
  blocks, e.g. for an on-screen preview) and `write_layout(layout, path, fmt, margins)`.
- `docgen.render.try_template(workspace, kind, template)`: fill a user's DOCX template once
  with the latest meeting, so a broken one is refused when it is chosen.
- `docgen.sources`: where each document gets its data, read in the caller's unit of work:
  `sources.meeting` (`minutes_data`, `resolution_data`, `invitation_data`,
  `attendance_sheet_data`, `latest_meeting_id`, `meeting_exists`), `sources.cell`
  (`roster_data`, `report_data`, `parse_period`, `report_period`), `sources.issuer` (who
  issues and signs). The dataclasses they return are in `docgen.content`.
- `docgen.templates`: the built-in DOCX templates, `fill_template`, `fields_of`, `find_soffice`.
- `docgen.settings`: margins, place name and custom template paths (declared settings).

Flow: database → document content (`sources` fill the dataclasses of `content`) → layout =
blocks + context (`layouts/`: one module per document; `blocks`: the layout model and
styles) → resolved blocks → `to_docx` (python-docx), `to_pdf` (reportlab, Liberation Serif
from resources/fonts) or `to_html` (the GUI's print preview). reportlab and python-docx are
imported only there.
"""
