"""Migrations: the start-up shortcut agrees with Alembic, the models agree with the
migrations, and a database from the first revision upgrades with its data intact."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from handbook_desktop.core import migrations
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.models import Base, OutboxEntry
from handbook_desktop.core.db import make_engine
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.workspace import open_workspace

FIRST = "0001"


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(migrations.MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_file_listing_matches_alembic_history():
    script = _script()
    assert script.get_current_head() == migrations.head_revision()
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert chain == migrations.known_revisions()
    assert chain[0] == FIRST


def _not_search_index(name, type_, _parent_names) -> bool:
    # The search index (migration 0003, core/search_index.py) is raw SQL on purpose: FTS5
    # virtual tables and their shadow tables have no place among the ORM models; nor has the
    # generation counter its triggers keep (0008, core/home/snapshot.py).
    return not (type_ == "table" and (name.startswith("search_") or name == "data_generation"))


def test_models_and_migrations_agree(workspace):
    with workspace.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _not_search_index})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_first_revision_keeps_data(tmp_path):
    db = tmp_path / DATABASE_NAME
    engine = make_engine(db)
    with engine.begin() as conn:
        migrations.upgrade(conn, FIRST)
        conn.exec_driver_sql(
            "INSERT INTO org_units (id, unit_id, kind, name, code, created_at, updated_at, version) "
            "VALUES ('u1', 'u1', 'cell', 'Chi bộ Khu phố 3', 'CB3', '2026-01-01', '2026-01-01', 4)")
        conn.exec_driver_sql(
            "INSERT INTO members (id, unit_id, full_name, status, sex, ethnicity, religion, hometown, address, "
            "education, specialist_level, theory_level, occupation, card_number, phone, notes, created_at, "
            "updated_at, version) VALUES ('m1', 'u1', 'Trần Đức Dũng', 'official', 'Nam', 'Kinh', '', '', '', "
            "'12/12', '', 'Trung cấp', '', '01234567', '', '', '2026-01-01', '2026-01-01', 4)")
    engine.dispose()

    workspace = open_workspace(tmp_path)
    try:
        with workspace.session() as s:
            member = s.get(Member, "m1")
            assert member.full_name == "Trần Đức Dũng"
            assert member.theory_level == "Trung cấp"
            assert s.scalars(select(OutboxEntry)).all() == []  # upgrading is not a user edit
        with workspace.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrations.head_revision()
    finally:
        workspace.close()
    if migrations.head_revision() != FIRST:  # an upgrade keeps the old file beside the new
        backup = tmp_path / f"{DATABASE_NAME}.before-upgrade-{FIRST}.bak"
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT full_name FROM members").fetchone() == ("Trần Đức Dũng",)


def test_every_revision_downgrades_cleanly(tmp_path):
    """Each step up has a working step down, so a bad release can be rolled back."""
    from alembic import command

    engine = make_engine(tmp_path / DATABASE_NAME)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrations.MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"alembic_version"}
