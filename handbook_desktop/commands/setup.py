"""`main.py setup --cell NAME --parents "A > B > C" --place NAME --term 2025-2030`: the
workspace's own cell, without a server. A fresh folder is the normal case; a folder whose
workspace has a cell already, or holds the demo, is refused. Input is checked before the
folder is touched, so a typo leaves no empty database behind."""

import argparse

from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    setup = commands.add_parser("setup", parents=[common], help="thiết lập chi bộ của mình (không cần máy chủ)")
    setup.set_defaults(handler=run)
    setup.add_argument("--cell", default="", metavar="TÊN", help="tên chi bộ, ví dụ \"Chi bộ Khu phố 5\"")
    setup.add_argument("--parents", default="", metavar="\"A > B > C\"",
                       help="các cấp trên, từ đảng bộ cơ sở lên cấp tỉnh, ngăn bằng > hoặc ›")
    setup.add_argument("--place", default="", metavar="TÊN",
                       help="địa danh ghi trên văn bản (mặc định: theo tên đảng bộ cơ sở)")
    setup.add_argument("--term", default=None, metavar="2025-2030", help="nhiệm kỳ hiện tại (mặc định: theo năm nay)")


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core.clock import vietnam_today
    from handbook_desktop.core.org import CellSetup, check_cell_setup, default_term, set_up_cell, split_parents
    from handbook_desktop.core.workspace import open_workspace

    today = vietnam_today()
    term = default_term(today) if args.term is None else args.term
    setup = check_cell_setup(CellSetup(args.cell, split_parents(args.parents), args.place, term), today)
    workspace = open_workspace(args.data.path)
    try:
        workspace.perform(lambda uow: set_up_cell(uow, setup))
    finally:
        workspace.close()
    print(_("Đã thiết lập {cell} ({parents}), nhiệm kỳ {term}, tại {path}.").format(
        cell=setup.name, parents=" › ".join(setup.parents), term=setup.term, path=workspace.data_dir))
    print(_("Tiếp theo: nhập danh sách đảng viên bằng “main.py members import TỆP.xlsx”."))
    return 0
