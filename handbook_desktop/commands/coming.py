"""Commands of the contract whose capability has not landed yet: exit 3 with a message."""

import argparse

from handbook_desktop import __version__
from handbook_desktop.core.errors import NotYetAvailable
from handbook_desktop.i18n import N_, _

# Command -> what will bring it.
NOT_YET = {
    "sync": N_("đồng bộ với máy chủ"),
}


def register(commands, common: argparse.ArgumentParser) -> None:
    for name in NOT_YET:
        sub = commands.add_parser(name, parents=[common], help=f"{NOT_YET[name]} (sắp có)")
        sub.add_argument("rest", nargs=argparse.REMAINDER)
        sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise NotYetAvailable(_("Lệnh '{command}' ({what}) chưa có trong phiên bản {version}; "
                            "tính năng này sắp có.").format(
        command=args.command, what=_(NOT_YET[args.command]), version=__version__))
