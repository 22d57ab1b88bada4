"""Reading generated files back: text and fonts of a PDF (poppler), text of a DOCX."""

import subprocess
from pathlib import Path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True, encoding="utf-8").stdout


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts: name, type, emb (yes/no) …"""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        parts = line.split()
        # name type [type words] encoding emb sub uni object ID: read from the right
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def docx_texts(path: Path) -> list[str]:
    """Every paragraph's text, body and table cells in document order."""
    from docx import Document

    from handbook_desktop.docgen.templates import _paragraphs

    return [paragraph.text for paragraph in _paragraphs(Document(str(path)))]


def words(text: str) -> list[str]:
    return text.split()
