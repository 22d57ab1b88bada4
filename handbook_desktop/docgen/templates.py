"""User-editable DOCX templates for the minutes and the resolution.

The built-in templates in resources/templates are the built-in layouts themselves, written
with `{{ name }}` where the data goes (`build_builtin_templates`), so a copy edited in Word
starts from exactly what the app prints. Filling one takes the layout's context:

- `{{ name }}` inside a paragraph becomes the text value, in the formatting of the run
  where the placeholder starts (Word often splits a placeholder over several runs after an
  edit: the runs are merged);
- a placeholder standing alone in its paragraph whose value is a list of paragraphs
  (content, attendance, resolution items …) becomes those paragraphs, each in its own
  style when the template has it, else in the placeholder paragraph's style.

docxtpl (Jinja on python-docx) is not a dependency here, so only `{{ name }}` fields are
understood; a `{% … %}` tag or a malformed or unknown field is refused with a message
naming it. PDF output of a template goes through LibreOffice when it is installed.
"""

import copy
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.resources import resource_path
from handbook_desktop.docgen.blocks import ContextValue, Layout, Para, as_template
from handbook_desktop.i18n import _

FIELD = re.compile(r"\{\{(.*?)\}\}", re.S)
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
STRAY = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
BUILTIN = {"minutes": "bien_ban_hop_chi_bo.docx", "resolution": "nghi_quyet_chi_bo.docx"}
SOFFICE_TIMEOUT = 180  # seconds: a first start of LibreOffice builds its profile


class TemplateError(ValidationError):
    """A template that cannot be filled: the message names the template and the field."""


def builtin_template(kind: str) -> Path:
    return resource_path("templates", BUILTIN[kind])


def build_builtin_templates(folder: Path | None = None) -> list[Path]:
    """Write the built-in templates from the built-in layouts (run after changing a layout)."""
    from handbook_desktop.docgen.layouts.minutes import MINUTES
    from handbook_desktop.docgen.layouts.resolution import RESOLUTION
    from handbook_desktop.docgen.to_docx import write_docx

    folder = folder or resource_path("templates")
    written = []
    for kind, blocks in (("minutes", MINUTES), ("resolution", RESOLUTION)):
        path = folder / BUILTIN[kind]
        write_docx(as_template(Layout(f"Mẫu {BUILTIN[kind]}", blocks)), path)
        written.append(path)
    return written


def render_template(template: Path, context: Mapping[str, ContextValue], out: Path, fmt: str) -> None:
    """Fill `template` with `context` into `out` (.docx, or .pdf through LibreOffice)."""
    if fmt == "pdf":
        soffice = find_soffice()
        if soffice is None:
            raise UserError(_("Muốn xuất PDF từ mẫu riêng “{name}” cần cài LibreOffice; hãy xuất ra .docx, hoặc "
                              "dùng mẫu có sẵn của chương trình.").format(name=template.name))
        with tempfile.TemporaryDirectory(prefix="handbook-docgen-") as work:
            filled = Path(work) / "van_ban.docx"
            fill_template(template, context, filled)
            convert_to_pdf(soffice, filled, out, Path(work))
        return
    fill_template(template, context, out)


def fill_template(template: Path, context: Mapping[str, ContextValue], out: Path) -> None:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(template))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(_("Không mở được mẫu “{name}”: không phải tệp DOCX hợp lệ.").format(
            name=template.name)) from exc
    styles = {style.name for style in document.styles}
    seen = set()
    for paragraph in list(_paragraphs(document)):
        if id(paragraph._p) not in seen:  # a merged cell is listed once per grid column
            seen.add(id(paragraph._p))
            _fill_paragraph(paragraph, context, template.name, styles)
    document.save(str(out))


def fields_of(template: Path) -> list[str]:
    """The field names a template uses, in order of first appearance (for a settings screen)."""
    from docx import Document

    seen: dict[str, None] = {}
    for paragraph in _paragraphs(Document(str(template))):
        for match in FIELD.finditer(paragraph.text):
            seen.setdefault(match[1].strip(), None)
    return list(seen)


def _paragraphs(document) -> Iterator:
    """Every paragraph: body, tables (nested too), headers and footers of every section."""
    def walk(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", ()):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield from walk(part)


def _fill_paragraph(paragraph, context: Mapping[str, ContextValue], template: str, styles: set[str]) -> None:
    full = "".join(run.text for run in paragraph.runs)
    if "{" not in full and "}" not in full:
        return
    matches = list(FIELD.finditer(full))
    _check_stray(FIELD.sub("", full), template)
    names = [_check_name(match[1], template, context) for match in matches]
    if not matches:
        return
    if len(matches) == 1 and full.strip() == matches[0][0] and not isinstance(context[names[0]], str):
        _expand(paragraph, context[names[0]], styles)
        return
    for name in names:
        if not isinstance(context[name], str):
            raise TemplateError(_("Mẫu “{template}”: trường “{{{{ {name} }}}}” là cả một phần văn bản, phải đứng "
                                  "riêng một đoạn.").format(template=template, name=name))
    _replace_inline(paragraph.runs, matches, [context[name] for name in names])


def _check_stray(rest: str, template: str) -> None:
    stray = STRAY.search(rest)
    if stray is None:
        return
    fragment = rest[max(0, stray.start() - 15):stray.end() + 15].strip()
    if stray[0] in ("{%", "%}"):
        raise TemplateError(_("Mẫu “{template}”: lệnh “{fragment}” (vòng lặp, điều kiện của docxtpl) chưa được hỗ "
                              "trợ; chỉ dùng các trường dạng {{{{ ten_truong }}}}.").format(
            template=template, fragment=fragment))
    raise TemplateError(_("Mẫu “{template}”: chỗ “{fragment}” không phải một trường hợp lệ; trường viết dạng "
                          "{{{{ ten_truong }}}}, đủ cả hai dấu ngoặc mở và đóng.").format(
        template=template, fragment=fragment))


def _check_name(raw: str, template: str, context: Mapping[str, ContextValue]) -> str:
    name = raw.strip()
    if not NAME.fullmatch(name):
        raise TemplateError(_("Mẫu “{template}”: trường “{{{{{raw}}}}}” không hợp lệ; tên trường chỉ gồm chữ không "
                              "dấu, chữ số và dấu gạch dưới.").format(template=template, raw=raw))
    if name not in context:
        raise TemplateError(_("Mẫu “{template}”: không có trường “{{{{ {name} }}}}”. Các trường dùng được: "
                              "{names}.").format(template=template, name=name, names=", ".join(sorted(context))))
    return name


def _replace_inline(runs, matches, values: list[str]) -> None:
    """Replace each match by its value, in the run where it starts; the rest of the placeholder
    is cut from the following runs. Right to left, so earlier offsets stay valid."""
    original = [run.text for run in runs]
    texts = list(original)
    starts, position = [], 0
    for value in original:
        starts.append(position)
        position += len(value)

    def locate(offset: int) -> tuple[int, int]:
        index = max(i for i, start in enumerate(starts) if start <= offset and original[i])
        return index, offset - starts[index]

    changed = set()
    for match, value in zip(reversed(matches), reversed(values), strict=True):
        (first, first_at), (last, last_at) = locate(match.start()), locate(match.end() - 1)
        if first == last:
            texts[first] = texts[first][:first_at] + value + texts[first][last_at + 1:]
        else:
            texts[first] = texts[first][:first_at] + value
            for index in range(first + 1, last):
                texts[index] = ""
            texts[last] = texts[last][last_at + 1:]
        changed.update(range(first, last + 1))
    for index in changed:
        runs[index].text = texts[index]


def _expand(paragraph, paragraphs: tuple[Para, ...], styles: set[str]) -> None:
    """Put `paragraphs` where the placeholder paragraph is, keeping its paragraph and run formatting."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    anchor = paragraph._p
    first_run = anchor.find(qn("w:r"))
    run_properties = first_run.find(qn("w:rPr")) if first_run is not None else None
    for para in paragraphs:
        element = copy.deepcopy(anchor)
        for child in list(element):
            if child.tag != qn("w:pPr"):
                element.remove(child)
        anchor.addprevious(element)
        new = Paragraph(element, paragraph._parent)
        if para.style.name in styles:
            new.style = para.style.name
        for part in para.content:
            run = new.add_run(part.text)
            if run_properties is not None:
                run._r.insert(0, copy.deepcopy(run_properties))
            if part.bold:
                run.bold = True
            if part.italic:
                run.italic = True
    anchor.getparent().remove(anchor)


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or sys.platform != "win32":
        return found
    default = Path(r"C:\Program Files\LibreOffice\program\soffice.exe")
    return str(default) if default.exists() else None


def convert_to_pdf(soffice: str, docx: Path, out: Path, work: Path) -> None:
    """DOCX → PDF with LibreOffice, in a profile of its own (a running LibreOffice holds the user's)."""
    profile = (work / "profile").resolve().as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
               str(work), str(docx)]
    try:
        subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(_("LibreOffice không chuyển được văn bản sang PDF ({error}).").format(error=exc)) from exc
    produced = work / (docx.stem + ".pdf")
    if not produced.exists():
        raise UserError(_("LibreOffice không chuyển được văn bản sang PDF."))
    shutil.move(str(produced), str(out))


if __name__ == "__main__":  # uv run python -m handbook_desktop.docgen.templates
    for written in build_builtin_templates():
        print(written)
