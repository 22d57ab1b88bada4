"""Replaces the bundle's ICU data library with one that keeps only what a Vietnamese/English app needs.

    python3 installer/trim_icu.py BUNDLE_FOLDER     (build-linux.sh runs it; needs icupkg and gcc)

Qt's Linux wheels link ICU, whose data library (libicudata.so.NN, 32 MB) carries every locale of
the world, every legacy converter, the CJK/Thai/Khmer word dictionaries and the Unicode names.
Qt reaches ICU for locale-aware case mapping, collation and converter names; the app itself
sorts and searches in Python. This keeps the root, English and Vietnamese locales in every tree,
the shared tables (normalization, time zones, likely subtags, plural and layout data) and the
Vietnamese and Western converters, and leaves the rest out: a locale ICU cannot find falls back
to root, as for any locale ICU never had. The library is rebuilt with the same soname and the one
symbol libicuuc looks for (icudtNN_dat), so nothing else changes. Windows wheels use the
system's ICU and carry no such library.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LANGUAGES = ("root", "en", "vi")
LOCALE_NAME = re.compile(r"^([a-z]{2,3}|root)(_[A-Za-z0-9_]*)?\.res$")
SHARED_NAMES = ("pool.res", "res_index.res")  # every tree's index and string pool
DROPPED = ("translit/", "unames.icu", "confusables")  # transliterators, character names, spoofing checks
KEPT_CONVERTERS = ("1258", "5354", "1252", "5348")  # Vietnamese and Western Windows code pages


def kept(item: str) -> bool:
    """`item` as icupkg lists it: "vi.res", "coll/vi.res", "brkitr/cjdict.dict", "ibm-1258_P100-1997.cnv"."""
    if any(part in item for part in DROPPED):
        return False
    name = item.rsplit("/", 1)[-1]
    if name.endswith(".cnv"):
        return any(code in name for code in KEPT_CONVERTERS)
    match = LOCALE_NAME.match(name)
    if match is None or name in SHARED_NAMES:
        return True  # rules, tables and indexes, not a locale
    return match.group(1) in KEPT_LANGUAGES


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol that holds the whole data package."""
    symbols = subprocess.run(["nm", "-D", "-S", str(library)], check=True, capture_output=True, text=True).stdout
    for line in symbols.splitlines():
        address, size, _kind, name = line.split()
        if re.fullmatch(r"icudt\d+_dat", name):
            break
    else:
        raise SystemExit(f"{library}: no icudtNN_dat symbol")
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], check=True, capture_output=True, text=True).stdout
    rodata = next(line for line in sections.splitlines() if " .rodata " in line).split(".rodata", 1)[1].split()
    section_address, section_offset = int(rodata[1], 16), int(rodata[2], 16)
    return name, section_offset + int(address, 16) - section_address, int(size, 16)


def trim(library: Path) -> tuple[int, int]:
    """Rebuild `library` in place; (bytes before, bytes after)."""
    name, offset, size = data_symbol(library)
    package = name.removesuffix("_dat") + "l"  # icupkg names the entries after the file: icudt73l/…
    before = library.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with library.open("rb") as source:
            source.seek(offset)
            (work / f"{package}.dat").write_bytes(source.read(size))
        items = subprocess.run(["icupkg", "-l", f"{package}.dat"], cwd=work, check=True, capture_output=True,
                               text=True).stdout.split()
        (work / "dropped.txt").write_text("\n".join(item for item in items if not kept(item)) + "\n")
        (work / "trimmed").mkdir()
        subprocess.run(["icupkg", "-r", "dropped.txt", f"{package}.dat", f"trimmed/{package}.dat"], cwd=work,
                       check=True, capture_output=True)
        (work / "data.S").write_text(
            f'.section .rodata\n.global {name}\n.type {name}, @object\n.balign 16\n'
            f'{name}:\n.incbin "trimmed/{package}.dat"\n.size {name}, . - {name}\n'
            '.section .note.GNU-stack,"",@progbits\n')
        subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", "lib.so", "data.S"],
                       cwd=work, check=True)
        shutil.copyfile(work / "lib.so", library)
    return before, library.stat().st_size


def main(bundle: str) -> None:
    for tool in ("icupkg", "gcc", "nm", "readelf"):
        if shutil.which(tool) is None:
            raise SystemExit(f"trim_icu: {tool} is missing (apt-get install icu-devtools gcc binutils)")
    libraries = sorted(path for path in Path(bundle).rglob("libicudata.so.*") if not path.is_symlink())
    for library in libraries:
        before, after = trim(library)
        print(f"{library.name}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
