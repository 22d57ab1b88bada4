"""Document generation: Party-format documents as DOCX and PDF (no Qt here).

The GUI and the CLI call:

- `docgen.render.render_document(workspace, kind, out, meeting_id=…, period=…, template=…)`
  → `Rendered(path, kind, format, pages, template)`; the format follows `out`'s extension.
- `docgen.render.build_layout(workspace, kind, meeting_id, period)` → `Layout` (backend-free
  blocks, e.g. for an on-screen preview) and `write_layout(layout, path, fmt, margins)`.
- `docgen.data`: `minutes_data`, `resolution_data`, `invitation_data`, `attendance_sheet_data`,
  `roster_data`, `report_data`, `parse_period`, `latest_meeting_id` (models in `docgen.models`).
- `docgen.templates`: the built-in DOCX templates, `fill_template`, `fields_of`, `find_soffice`.
- `docgen.settings`: margins, place name and custom template paths (declared settings).

Flow: database → data model (`data`, `models`) → layout = blocks + context (`layouts`,
`layouts_more`, `blocks`) → resolved blocks → `to_docx` (python-docx) or `to_pdf` (reportlab,
Liberation Serif from resources/fonts). reportlab and python-docx are imported only there.
"""
