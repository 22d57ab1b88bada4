"""Where each document gets its data: read-only builders that fill `docgen.content`'s dataclasses.

- `issuer`: who issues and signs for the cell (the header's bodies, the place, T/M CHI BỘ).
- `meeting`: a meeting's documents (minutes, resolution, invitation, attendance sheet) and
  which meeting to print (`latest_meeting_id`, `meeting_exists`).
- `cell`: the cell's own documents: the roster as of a day, the report of a month or quarter
  (`parse_period`, `report_period`).

Every builder takes the caller's `uow: UnitOfWork` and only reads: one document is one unit of
work, opened by `docgen.render` (or a test), never here.
"""
