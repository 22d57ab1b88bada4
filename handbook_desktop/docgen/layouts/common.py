"""What several layouts share: the header block, the cell's signature, a labelled line, the
recipients list, the wording of a vote and of the cell's figures."""

from handbook_desktop.core.members import FIGURE_LABELS
from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import Header, Para, Run, S, SignBlock, recipient_lines, text
from handbook_desktop.docgen.content import Issuer, Signer, VoteLine


def header(issuer: Issuer, day, number: str | None = None, corner: str = "") -> Header:
    """The header block filled in (layouts without a user template; those use `issuer_context`)."""
    return Header(text(w.caps(issuer.higher_body)), text(w.caps(issuer.body)),
                  text(f"Số {number}") if number is not None else None, text(w.place_date(issuer.place, day)),
                  corner)


def issuer_context(issuer: Issuer, day) -> dict:
    """The header's fields, for layouts whose header is made of `Field`s (user templates)."""
    return {"cap_tren": w.caps(issuer.higher_body), "chi_bo": w.caps(issuer.body),
            "dia_danh_ngay": w.place_date(issuer.place, day), "ten_chi_bo": issuer.body}


def cell_signature(signer: Signer | None, title: str) -> SignBlock:
    return SignBlock((text("T/M CHI BỘ"), text(title)), text(signer.name if signer else ""))


def labelled(label: str, value: str, style=S.TEXT) -> Para:
    return Para(text(Run(label, bold=True), value), style)


def recipients(entries: tuple[str, ...]) -> tuple[Para, ...]:
    """ "Nơi nhận" as paragraphs, the value of a `Recipients` fill."""
    return tuple(Para.of(line, S.RECIPIENTS) for line in recipient_lines(entries))


def vote_sentence(vote: VoteLine) -> str:
    return (f"tán thành {vote.agree}/{vote.voters} đồng chí ({w.pct(vote.agree, vote.voters)}); "
            f"không tán thành {vote.disagree}; không biểu quyết {vote.abstain}.")


def figure_name(name: str) -> str:
    """A figure's label inside a sentence: "miễn công tác và sinh hoạt đảng" (the screens' label)."""
    return w.lower_first(FIGURE_LABELS[name])


def figures_sentence(figures, excused: tuple[str, ...] = (), away: tuple[str, ...] = ()) -> str:
    """ "Tổng số đảng viên: 25 đồng chí (chính thức: 23, dự bị: 2); miễn công tác và sinh hoạt
    đảng: 3 đồng chí (…); đi sinh hoạt tạm thời nơi khác: 1 đồng chí (…); phải dự: 21 đồng chí."

    `figures` has total, official, probationary, excused, away and expected: the cell's
    figures (`CellFigures`) or a meeting's (`AttendanceCounts`); names are listed when given."""
    def named(names: tuple[str, ...]) -> str:
        return f" ({w.comrades(names)})" if names else ""

    return (f"{FIGURE_LABELS['total']}: {figures.total} đồng chí ({figure_name('official')}: {figures.official}, "
            f"{figure_name('probationary')}: {figures.probationary}); {figure_name('excused')}: {figures.excused} "
            f"đồng chí{named(excused)}; {figure_name('away')}: {figures.away} đồng chí{named(away)}; "
            f"{figure_name('expected')}: {figures.expected} đồng chí.")
