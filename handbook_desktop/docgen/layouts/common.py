"""What several layouts share: the header block, the cell's signature, a labelled line, the
recipients list and the wording of a vote."""

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
