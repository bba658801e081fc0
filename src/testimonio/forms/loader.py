"""XLSForm (.xlsx / .xls) to the immutable :class:`Questionnaire`.

The workbook is read once by pyxform (``forms.xlsform_read``), its rows are
checked by ``forms.xlsform_rows``, pyxform's ``workbook_to_json`` turns the
rows into its nested survey structure, and this module turns that structure
into our model: types mapped to ``QUESTION_TYPES``, texts per language,
expressions kept as written (the expression engine parses them), privacy
from our extra columns, and each node's survey row for messages. Finally the
dependency graph is built, which refuses unknown references and cycles.

Anything malformed raises :class:`~testimonio.errors.FormError` with the file,
sheet, row and column; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from testimonio.errors import FormError, TestimonioError
from testimonio.forms.attachments import (
    expression_references,
    find_files,
    is_package,
    pack,
    referenced_names,
    unpack,
)
from testimonio.forms.attachments import parse as parse_attachment
from testimonio.forms.model import Questionnaire
from testimonio.paths import name_text

# NOTE_TYPES, TYPE_MAP and split_language are also reachable here (see __getattr__).
__all__ = ["SUFFIXES", "LoadResult", "load_bytes", "load_file", "load_questionnaire"]

log = logging.getLogger(__name__)

#: Largest questionnaire file accepted (checked again in ``xlsform_read``).
MAX_FILE_BYTES = 10 * 1024 * 1024


def __getattr__(name: str) -> Any:
    # pyxform (and through it openpyxl) costs over half a second to import:
    # it is loaded when a form is parsed, not when the vault is unlocked.
    if name in {"NOTE_TYPES", "TYPE_MAP", "split_language"}:
        from testimonio.forms import xlsform_build

        return getattr(xlsform_build, name)
    raise AttributeError(name)

SUFFIXES = (".xlsx", ".xls", ".xlsm")


@dataclass(frozen=True)
class LoadResult:
    """A loaded questionnaire with what ``forms check`` shows beside it."""

    questionnaire: Questionnaire
    warnings: tuple[str, ...] = ()
    language_names: Mapping[str, str] = field(default_factory=dict)
    sha256: str = ""
    #: What the vault keeps: the XLSForm's bytes, or a package of the XLSForm
    #: and its attachments (``forms.attachments``). ``sha256`` is its hash.
    stored: bytes = b""


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Load and validate the XLSForm at ``path``."""
    return load_file(path).questionnaire


def load_file(path: Path | str) -> LoadResult:
    """Load the XLSForm at ``path`` with its warnings and language names."""
    path = Path(path)
    name = name_text(path)  # stored with the form: text, whatever the file system gave
    if path.suffix.lower() not in SUFFIXES:
        raise FormError(
            "Questionnaires must be XLSForm spreadsheets (.xlsx or .xls).", file=name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormError(
                f"The file is {size // (1024 * 1024)} MB; questionnaires larger than "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused.", file=name)
        data = path.read_bytes()
        if not is_package(data):
            return _guarded(lambda: _load(data, name, lambda wanted: find_files(path, wanted)), name)
    except FormError:
        raise
    except IsADirectoryError:
        raise FormError("This is a folder, not a questionnaire file.", file=name) from None
    except FileNotFoundError:
        raise FormError("There is no such file.", file=str(path)) from None
    except OSError as error:
        raise FormError(f"The file cannot be read ({error.strerror}).", file=name) from error
    return load_bytes(data, name)


def load_bytes(data: bytes, source_name: str) -> LoadResult:
    """Load an XLSForm, or a package of one and its attachments, from its bytes
    (as stored in the vault and carried by team files)."""
    if is_package(data):
        def from_package() -> LoadResult:
            form, files = unpack(data, source_name)
            return _load(form, source_name, lambda _wanted: files, stored=data)

        return _guarded(from_package, source_name)
    return _guarded(lambda: _load(data, source_name, lambda _wanted: {}), source_name)


def _guarded(load: Callable[[], LoadResult], source_name: str) -> LoadResult:
    try:
        return load()
    except TestimonioError:
        raise
    except RecursionError:
        raise FormError("The questionnaire is nested too deeply.", file=source_name) from None
    except Exception as error:  # a pyxform or conversion bug must still be a sentence
        log.debug("unexpected failure loading %s", source_name, exc_info=True)
        raise FormError(
            f"The questionnaire cannot be read ({type(error).__name__}: {error}).",
            file=source_name,
        ) from error


Resolver = Callable[[set[str]], Mapping[str, bytes]]


def _load(data: bytes, source_name: str, resolve: Resolver, stored: bytes | None = None) -> LoadResult:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    from testimonio.forms.xlsform_build import SurveyBuilder
    from testimonio.forms.xlsform_read import read_definition, translate_pyxform_error
    from testimonio.forms.xlsform_rows import SurveyRows

    stem = Path(source_name).stem or "form"
    definition = read_definition(data, source_name, stem)
    if not definition.survey:
        raise FormError(
            "There is no 'survey' sheet (or it is empty). An XLSForm needs a sheet named "
            "'survey' with at least the columns type, name and label.", file=source_name,
            sheet="survey")
    # Our own pass reads the rows before pyxform's, which edits them in place;
    # its refusal waits, so that pyxform's column-level refusals come first.
    rows_refusal: FormError | None = None
    try:
        rows: SurveyRows | None = SurveyRows(definition.survey, source_name)
    except FormError as error:
        rows, rows_refusal = None, error
    references = expression_references(definition.survey)
    pyx_warnings: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = workbook_to_json(
                workbook_dict=definition, form_name="data",
                fallback_form_name=stem, warnings=pyx_warnings,
            )
    except PyXFormError as error:
        refusal = translate_pyxform_error(error, source_name)
        if rows_refusal is not None and (refusal.row is not None or refusal.column is None):
            # Our pass names rows pyxform does not, in plainer words.
            raise rows_refusal from error
        raise refusal from error
    # pyxform's rows are done with: freed now, not kept alive (and walked by
    # the garbage collector) while the model is built.
    del definition
    if rows is None:
        assert rows_refusal is not None
        raise rows_refusal
    lists = set(tree.get("choices") or {})
    wanted = referenced_names(references, rows.from_files, lists)
    files = dict(resolve(wanted)) if wanted else {}
    instances = {Path(name).stem: parse_attachment(name, body) for name, body in files.items()}
    if stored is None:
        stored = pack(data, source_name, files) if files else data
    sha256 = hashlib.sha256(stored).hexdigest()
    builder = SurveyBuilder(rows, source_name, instances)
    # Every interview records the version it was taken with; a file without
    # one gets a name for its content, the same on every laptop.
    questionnaire = builder.questionnaire(tree, unversioned=content_version(sha256))
    _check_expressions(questionnaire)
    missing = sorted(wanted - set(instances))
    notes = tuple(pyx_warnings) + tuple(rows.warnings) + tuple(builder.notes) + tuple(
        f"The questionnaire reads the attachment '{ident}' (pulldata, instance or select_one_from_file) but "
        f"no {ident}.csv, .xml or .geojson was given; put it beside the form or in "
        f"{Path(source_name).stem}-media/ and add the form again." for ident in missing)
    if builder.unversioned:
        notes += (f"The settings sheet sets no version; this file is recorded as version "
                  f"{questionnaire.version}, taken from its content. Set 'version' to choose one.",)
    return LoadResult(
        questionnaire=questionnaire,
        warnings=notes,
        language_names=questionnaire.language_names,
        sha256=sha256,
        stored=stored,
    )


#: How a version taken from the file's content starts (see content_version).
CONTENT_VERSION_PREFIX = "sha256-"


def content_version(sha256: str) -> str:
    """The version of a questionnaire file that sets none: its hash, shortened."""
    return CONTENT_VERSION_PREFIX + sha256[:12]


def _check_expressions(questionnaire: Questionnaire) -> None:
    """Refuse unknown references, bad expressions and cycles (forms.deps)."""
    from testimonio.forms.deps import DependencyGraph

    DependencyGraph.build(questionnaire)


