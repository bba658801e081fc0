"""Form attachments: the CSV, XML and GeoJSON files a questionnaire reads.

``select_one_from_file cities.csv``, ``pulldata('cities', …)`` and
``instance('cities')`` read a file that travels with the XLSForm, as in ODK.
Each file becomes a :class:`~testimonio.forms.secondary.SecondaryInstance`
named after the file without its extension.

Kept with the questionnaire version: when a form has attachments, what the
vault stores (and the team file and team updates carry) is a *questionnaire
package*, a zip holding the XLSForm and its files, so one hash covers the
form and its data and everything that moves a questionnaire moves them too.
Everything read from a package or a file is bounded before use; a bad file
is refused with a sentence naming it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 - DTDs refused before parsing, see _xml

from testimonio.errors import FormError
from testimonio.forms.secondary import SecondaryInstance

#: The member that marks a zip as a questionnaire package (and its format).
PACKAGE_MARKER = "testimonio-questionnaire-package-1"
EXTENSIONS = (".csv", ".xml", ".geojson")
MAX_FILES = 32
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PACKAGE_UNPACKED = 64 * 1024 * 1024
MAX_ITEMS = 100_000
MAX_FIELDS = 200

_NAME = re.compile(r"[\w][\w.\- ]{0,120}")
_REFERENCE = re.compile(r"(?:pulldata|instance)\s*\(\s*['\"]([^'\"]{1,120})['\"]")


def expression_references(survey: Iterable[Mapping[str, Any]]) -> set[str]:
    """The names ``pulldata(…)`` and ``instance(…)`` read anywhere in the raw rows."""
    found: set[str] = set()
    for row in survey:
        for value in row.values():
            if isinstance(value, str) and "(" in value:
                found.update(_REFERENCE.findall(value))
    return found


def referenced_names(references: Iterable[str], from_files: Iterable[str],
                     choice_lists: Iterable[str]) -> set[str]:
    """The instance ids a form reads that are not choice lists (``references``
    from :func:`expression_references`, ``from_files`` from select_*_from_file)."""
    lists = set(choice_lists)
    wanted = {Path(name).stem for name in from_files} | {m for m in references if m not in lists}
    # Only plain file names: a form cannot make us read '../../somewhere.csv'.
    return {name for name in wanted if _NAME.fullmatch(name) and not name.startswith(".")}


def find_files(form_path: Path, wanted: Iterable[str]) -> dict[str, bytes]:
    """The attachment files beside a form (or in ``<stem>-media/``) for these ids."""
    found: dict[str, bytes] = {}
    folders = [form_path.parent / f"{form_path.stem}-media", form_path.parent]
    for ident in sorted(set(wanted)):
        for folder in folders:
            candidates = [folder / (ident + ext) for ext in EXTENSIONS]
            hit = next((c for c in candidates if c.is_file()), None)
            if hit is not None:
                size = hit.stat().st_size
                if size > MAX_FILE_BYTES:
                    raise FormError(f"The attachment {hit.name} is {size // (1024 * 1024)} MB; at most "
                                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB are accepted.", file=hit.name)
                found[hit.name] = hit.read_bytes()
                break
    if len(found) > MAX_FILES:
        raise FormError(f"The questionnaire reads {len(found)} attachments; at most {MAX_FILES} are accepted.",
                        file=form_path.name)
    return found


def pack(xlsform: bytes, source_name: str, files: Mapping[str, bytes]) -> bytes:
    """A questionnaire package: the XLSForm and its attachments in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_fixed(PACKAGE_MARKER), b"")
        archive.writestr(_fixed("form/" + _safe_name(source_name)), xlsform)
        for name in sorted(files):
            archive.writestr(_fixed("media/" + _safe_name(name)), files[name])
    return out.getvalue()


def _fixed(name: str) -> zipfile.ZipInfo:
    # A fixed date: the same form and files always make the same bytes (and hash).
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))


def is_package(data: bytes) -> bool:
    """Whether ``data`` is a questionnaire package (not a bare .xlsx)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return PACKAGE_MARKER in archive.namelist()
    except Exception:  # noqa: BLE001 - any damage: not a package; the XLSForm reader names the fault
        return False


def unpack(data: bytes, source_name: str) -> tuple[bytes, dict[str, bytes]]:
    """The XLSForm and the attachments of a package, every size checked first."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_FILES + 2 or sum(i.file_size for i in infos) > MAX_PACKAGE_UNPACKED:
                raise FormError("The questionnaire package is too large.", file=source_name)
            form: bytes | None = None
            files: dict[str, bytes] = {}
            for info in infos:
                folder, _, name = info.filename.partition("/")
                if info.filename == PACKAGE_MARKER:
                    continue
                if folder not in ("form", "media") or _safe_name(name) != name:
                    raise FormError(f"The questionnaire package holds an unexpected file {info.filename!r}.",
                                    file=source_name)
                if folder == "form":
                    form = archive.read(info)
                else:
                    files[name] = archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError,
            zlib.error) as error:
        raise FormError("The questionnaire package is damaged.", file=source_name) from error
    if form is None:
        raise FormError("The questionnaire package holds no XLSForm.", file=source_name)
    return form, files


def _safe_name(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    if not _NAME.fullmatch(base) or base.startswith("."):
        raise FormError(f"The file name {name!r} cannot be used for a form attachment.", file=name)
    return base


def parse(name: str, data: bytes) -> SecondaryInstance:
    """A secondary instance from a CSV, XML or GeoJSON attachment."""
    ident, ext = Path(name).stem, Path(name).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise FormError(f"The attachment is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.", file=name)
    try:
        if ext == ".csv":
            items = _csv(data)
        elif ext == ".xml":
            return _xml(ident, data, name)
        elif ext == ".geojson":
            items = _geojson(data)
        else:
            raise FormError("Form attachments must be .csv, .xml or .geojson files.", file=name)
    except (UnicodeDecodeError, csv.Error, json.JSONDecodeError, ValueError, KeyError, TypeError,
            IndexError, AttributeError) as error:
        raise FormError(f"The attachment cannot be read ({type(error).__name__}).", file=name) from error
    return SecondaryInstance(ident, tuple(items))


def _bounded(items: list[dict[str, str]], count: int) -> None:
    if count > MAX_ITEMS:
        raise ValueError(f"more than {MAX_ITEMS} rows")
    if items and len(items[-1]) > MAX_FIELDS:
        raise ValueError(f"more than {MAX_FIELDS} columns")


def _csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    items: list[dict[str, str]] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        items.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h})
        _bounded(items, len(items))
    return items


def _xml(ident: str, data: bytes, name: str) -> SecondaryInstance:
    # No DTD, so no entity expansion ("billion laughs") and no external entities.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise FormError("XML attachments with a DOCTYPE or entities are refused.", file=name)
    root = ET.fromstring(data)  # noqa: S314 - DTDs refused above
    children = list(root)
    item_tag = children[0].tag if children else "item"
    items: list[dict[str, str]] = []
    for element in children:
        if element.tag != item_tag:
            continue
        item = {child.tag: (child.text or "").strip() for child in element}
        item.update({k: v for k, v in element.attrib.items() if k not in item})
        items.append(item)
        _bounded(items, len(items))
    return SecondaryInstance(ident, tuple(items), root=root.tag, item=item_tag)


def _geojson(data: bytes) -> list[dict[str, str]]:
    body = json.loads(data.decode("utf-8"))
    if not isinstance(body, dict) or body.get("type") != "FeatureCollection":
        raise ValueError("not a FeatureCollection")
    items: list[dict[str, str]] = []
    for feature in body.get("features") or []:
        geometry = feature.get("geometry") or {}
        item = {"geometry": _odk_geometry(geometry)}
        for key, value in (feature.get("properties") or {}).items():
            item[str(key)] = "" if value is None else str(value)
        if feature.get("id") is not None:
            item.setdefault("id", str(feature["id"]))
        items.append(item)
        _bounded(items, len(items))
    return items


def _odk_geometry(geometry: Mapping[str, Any]) -> str:
    """GeoJSON coordinates (lon, lat) as ODK writes them: "lat lon 0 0", points joined by ';'."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Point" and isinstance(coords, list):
        points = [coords]
    elif kind == "LineString" and isinstance(coords, list):
        points = coords
    elif kind == "Polygon" and isinstance(coords, list) and coords:
        points = coords[0]
    else:
        return ""
    return ";".join(f"{float(p[1])} {float(p[0])} 0 0" for p in points[:10_000])
