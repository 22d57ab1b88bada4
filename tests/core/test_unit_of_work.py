"""The unit of work: one transaction per action, the cell's context, change notifications,
and waiting while another program holds the database."""

import threading

import pytest
from sqlalchemy import select

from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org import OrgUnit
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.workspace import HOME_UNIT, SYNC, ReadWrote, WorkspaceBusy

from .workspace_helpers import add_cell, hold_write_lock


def test_the_cell_profile_comes_from_the_workspace(workspace):
    with workspace.unit_of_work() as uow:
        assert uow.cell.unit_id is None
        with pytest.raises(UserError, match="chưa gắn với chi bộ"):
            _ = uow.home_unit_id
        cell = add_cell(uow)
        uow.session.add(WorkspaceFact(key=HOME_UNIT, value=cell.id))
    with workspace.unit_of_work() as uow:
        assert uow.home_unit_id == cell.id
        assert uow.now().tzinfo == VIETNAM_TIME


def test_listeners_hear_which_tables_changed_after_the_commit(workspace):
    heard = []
    workspace.add_listener(heard.append)
    with workspace.unit_of_work() as uow:
        add_cell(uow)
        assert heard == []  # nothing is told before the commit
    assert len(heard) == 1
    assert heard[0].touches("org_units") and "outbox" in heard[0].tables
    assert heard[0].origin == "local"


def test_a_rolled_back_action_tells_nobody(workspace):
    heard = []
    workspace.add_listener(heard.append)
    with pytest.raises(RuntimeError), workspace.unit_of_work() as uow:
        add_cell(uow)
        raise RuntimeError("the user's action failed")
    assert heard == []


def test_a_read_tells_nobody_and_the_origin_is_passed_on(workspace):
    heard = []
    workspace.add_listener(heard.append)
    with workspace.unit_of_work() as uow:
        uow.session.scalars(select(OrgUnit)).all()
    assert heard == []
    with workspace.unit_of_work(origin=SYNC, record_outbox=False) as uow:
        add_cell(uow)
    assert heard[0].origin == SYNC and heard[0].tables == frozenset({"org_units"})


def test_a_broken_listener_does_not_undo_the_change(workspace):
    workspace.add_listener(lambda changes: 1 / 0)
    with workspace.unit_of_work() as uow:
        add_cell(uow)
    with workspace.unit_of_work() as uow:
        assert len(uow.session.scalars(select(OrgUnit)).all()) == 1


def test_a_listener_hears_changes_committed_on_another_thread(workspace):
    heard, threads = [], []
    workspace.add_listener(lambda changes: (heard.append(changes), threads.append(threading.get_ident())))
    worker = threading.Thread(target=lambda: workspace.perform(add_cell))
    worker.start()
    worker.join()
    assert heard[0].touches("org_units") and threads == [worker.ident]


def test_an_action_waits_while_another_program_writes_then_succeeds(workspace):
    started, messages = threading.Event(), []
    other = threading.Thread(target=hold_write_lock, args=(workspace.db_path, 7, started))
    other.start()
    started.wait()
    cell = workspace.perform(add_cell, progress=Progress(lambda done, total, msg: messages.append(msg)))
    other.join()
    assert "đang chờ" in messages[0]
    with workspace.unit_of_work() as uow:
        assert uow.session.get(OrgUnit, cell.id).name == "Chi bộ Khu phố 5"


def test_an_action_gives_up_with_a_message_and_writes_nothing(workspace):
    started = threading.Event()
    other = threading.Thread(target=hold_write_lock, args=(workspace.db_path, 8, started))
    other.start()
    started.wait()
    with pytest.raises(WorkspaceBusy, match="đang bận"):
        workspace.perform(add_cell, patience_s=1)
    other.join()
    with workspace.unit_of_work() as uow:
        assert uow.session.scalars(select(OrgUnit)).all() == []


def test_a_read_that_writes_is_refused_and_leaves_nothing(workspace):
    heard = []
    workspace.add_listener(heard.append)
    with pytest.raises(ReadWrote):
        workspace.perform(add_cell, read_only=True)
    assert heard == []
    assert workspace.perform(lambda uow: uow.session.scalars(select(OrgUnit)).all(), read_only=True) == []
