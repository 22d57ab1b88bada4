"""The wire's list of a cell's record tables stays the desktop's schema.

The server validates pushes against `RECORD_FIELDS` without importing the desktop's models;
a column added to a model and not to the contract would never leave the laptop.
"""

from handbook_desktop.core.models import Syncable
from handbook_desktop.core.models.registry import load_all
from sync.protocol import COMMON_FIELDS, MEETING_CHILDREN, MERGED_BY_HAND, RECORD_FIELDS

# Syncable tables that do not travel as a cell's records, and why.
NOT_CELL_RECORDS = {
    "documents": "published from above: pulled as items, never pushed",
    "articles": "published from above: pulled as items, never pushed",
    "org_units": "the organisation comes from the server (units)",
    "users": "accounts live on the server",
    "role_assignments": "grants live on the server",
}


def _syncable_tables() -> dict[str, set[str]]:
    metadata = load_all()
    tables = {}
    for mapper in _mappers():
        if issubclass(mapper.class_, Syncable):
            tables[mapper.local_table.name] = {column.key for column in mapper.column_attrs}
    assert metadata.tables  # the registry loaded every model
    return tables


def _mappers():
    from handbook_desktop.core.models import Base

    return list(Base.registry.mappers)


def test_every_syncable_table_is_a_record_or_said_why_not():
    tables = _syncable_tables()
    assert set(tables) == set(RECORD_FIELDS) | set(NOT_CELL_RECORDS)


def test_each_record_table_travels_with_all_its_columns():
    tables = _syncable_tables()
    for table, fields in RECORD_FIELDS.items():
        assert tables[table] == set(fields) | set(COMMON_FIELDS), table


def test_the_rule_tables_name_real_columns():
    for table, fields in MERGED_BY_HAND.items():
        assert fields <= set(RECORD_FIELDS[table]), table
    for table, column in MEETING_CHILDREN.items():
        assert column in RECORD_FIELDS[table], table
