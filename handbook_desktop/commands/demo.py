"""`main.py demo --data-dir DIR`: the demo workspace (a cell with members, documents, meetings)."""

import argparse

from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    commands.add_parser("demo", parents=[common], help="tạo không gian làm việc mẫu").set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core.demo import create_demo
    from handbook_desktop.core.home import load_overview
    from handbook_desktop.core.workspace import open_workspace

    workspace = open_workspace(args.data.path)
    try:
        with workspace.unit_of_work(record_outbox=False) as uow:
            create_demo(uow)
        overview = workspace.perform(load_overview)
    finally:
        workspace.close()
    print(_("Đã tạo không gian làm việc mẫu tại {path}: {members} đảng viên, {documents} văn bản, "
            "{articles} tin bài, {meetings} cuộc họp.").format(
        path=workspace.data_dir, members=overview.figures.total,
        documents=overview.documents, articles=overview.articles, meetings=overview.meetings))
    return 0
