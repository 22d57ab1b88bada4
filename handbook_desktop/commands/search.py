"""`main.py search QUERY [--limit N]`: titles, numbers and full text of the library."""

import argparse

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    finder = commands.add_parser("search", parents=[common], help="tìm trong thư viện: tiêu đề, số hiệu, toàn văn")
    finder.add_argument("query", nargs="+", metavar="QUERY", help="từ cần tìm, có dấu hoặc không dấu, hoặc số hiệu")
    finder.add_argument("--limit", default="20", help="số kết quả tối đa (mặc định 20)")
    finder.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """One line per hit: symbol (an article's channel) | date | title."""
    from handbook_desktop.core.errors import ValidationError
    from handbook_desktop.core.text import format_date
    from handbook_desktop.core.library import category_label, search
    from handbook_desktop.core.text import words

    query = " ".join(args.query)
    if not (args.limit.isascii() and args.limit.isdigit() and 1 <= int(args.limit) <= 500):
        raise ValidationError(_("--limit phải là một số từ 1 đến 500."))
    if not words(query):
        raise ValidationError(_("Hãy gõ từ cần tìm (có dấu hoặc không dấu) hoặc số hiệu, ví dụ 57-NQ/TW."))
    with existing_workspace(args) as workspace:
        hits = workspace.perform(lambda uow: search(uow, query, limit=int(args.limit)))
    if not hits:
        print(_("Không tìm thấy kết quả nào cho “{query}”.").format(query=query))
    for hit in hits:
        first = category_label("articles", hit.channel) if hit.kind == "article" else hit.number or _("(không số)")
        print(f"{first} | {format_date(hit.date)} | {hit.title}")
    return 0
