"""``forms check|add|list`` and ``interviews add``: questionnaires on the command line.

Each handler returns an exit code; errors are raised as TestimonioError and
turned into a sentence and an exit code by :func:`testimonio.cli.run`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from testimonio.cli.common import out, shown
from testimonio.errors import EXIT_OK, BadInput
from testimonio.forms.model import (
    FREE_TEXT_TYPES,
    Group,
    Privacy,
    Question,
    Questionnaire,
)

if TYPE_CHECKING:
    from testimonio.forms.loader import LoadResult

#: Largest answers file read (a questionnaire's answers are a few kB).
MAX_ANSWERS_BYTES = 5 * 1024 * 1024


def _out(line: str = "") -> None:
    out(line)


def describe(result: LoadResult) -> list[str]:
    """The summary ``forms check`` prints: id, version, languages, counts, privacy."""
    q = result.questionnaire
    lines = [
        f"{q.source_name}: OK",
        f"  form id      {q.form_id}",
        f"  version      {q.version or '(none: set one on the settings sheet)'}",
        f"  title        {q.title.get(q.default_language)}",
        "  languages    " + ", ".join(
            f"{code} ({q.language_names.get(code, code)})" if q.language_names.get(code, code)
            != code else code for code in q.languages) + f"; default {q.default_language}",
    ]
    types = Counter(node.type for node in q.questions())
    groups = sum(1 for n in q.walk() if isinstance(n, Group) and not n.repeat)
    repeats = sum(1 for n in q.walk() if isinstance(n, Group) and n.repeat)
    total = sum(types.values())
    lines.append(f"  questions    {total}: " + ", ".join(
        f"{kind} {count}" for kind, count in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))))
    lines.append(f"  groups       {groups} group(s), {repeats} repeat(s)")
    if q.attachments:
        lines.append("  attachments  " + ", ".join(
            f"{ident} ({len(data.items)} item(s))" for ident, data in sorted(q.attachments.items()))
            + "; kept with this version")
    lines.append(f"  alias        {_alias_line(q)}")
    lines.extend(_privacy_lines(q))
    from testimonio.exchange.derived import describe as describe_derived

    lines.extend(f"  derived      {line}" for line in describe_derived(q))
    lines.append("  dates        start, end, today and interview dates leave as the "
                 + ("DAY (settings: privacy_dates = day)" if q.privacy_dates == "day" else "month"))
    for warning in result.warnings:
        first = warning.strip().splitlines()[0] if warning.strip() else ""
        first = re.sub(r"\[row\s*:\s*(\d+)\]", r"row \1:", first)
        lines.append(f"  warning      {first.split('Learn more:')[0].strip()}")
    return lines


def _privacy_lines(q: Questionnaire) -> list[str]:
    by_class: dict[str, list[str]] = {"identifier": [], "quasi": [], "safe": [],
                                      "text kept until reviewed": []}
    for node in q.questions():
        if not _holds_answer(node):
            continue
        if node.privacy is Privacy.IDENTIFIER:
            by_class["identifier"].append(node.name)
        elif node.privacy is Privacy.QUASI:
            extra = f" (band {node.privacy_band})" if node.type in {"integer", "decimal"} else ""
            by_class["quasi"].append(node.name + extra)
        elif node.privacy is Privacy.SAFE:
            by_class["safe"].append(node.name)
        elif node.type in FREE_TEXT_TYPES:
            by_class["text kept until reviewed"].append(node.name)
    lines = ["  privacy"]
    for label, names in by_class.items():
        shown = ", ".join(names) if names else "-"
        lines.append(f"    {label + ':':<26}{len(names):>3}  {shown}")
    return lines


def _alias_line(q: Questionnaire) -> str:
    """Where the alias the interview list shows comes from."""
    found = [n for n in q.questions() if n.name == "alias" and not _in_repeat(q, n.path)]
    if not found:
        return "none: the interview list shows the answer of a question named 'alias'"
    node = found[0]
    privacy = node.privacy.value or "default"
    note = "" if node.privacy is Privacy.SAFE else " (mark it 'safe' so cases can be told by it)"
    return f"{node.path} ({privacy}){note}"


def _in_repeat(q: Questionnaire, path: str) -> bool:
    parts = path.split("/")
    for i in range(1, len(parts)):
        node = q.node("/".join(parts[:i]))
        if isinstance(node, Group) and node.repeat:
            return True
    return False


def _holds_answer(node: Question) -> bool:
    return node.type != "note"


def cmd_forms_check(args: argparse.Namespace) -> int:
    """Validate a questionnaire file and print its summary (no vault needed)."""
    from testimonio.forms.loader import load_file

    result = load_file(Path(args.file))
    for line in describe(result):
        _out(line)
    return EXIT_OK


def cmd_forms_add(args: argparse.Namespace) -> int:
    """Install a questionnaire version into the vault (older versions stay)."""
    from testimonio.cli.vault_cmds import open_vault
    from testimonio.forms.loader import load_file
    from testimonio.services.questionnaires import QuestionnaireService

    result = load_file(Path(args.file))  # before asking for a passphrase
    data = result.stored or Path(args.file).read_bytes()  # a package when the form has attachments
    with open_vault(args) as vault:
        installed, new = QuestionnaireService(vault).install_result(result, data)
    q = installed
    state = "installed" if new else "already installed (same file)"
    _out(f"{q.form_id} version {q.version}: {state}.")
    return EXIT_OK


def cmd_forms_list(args: argparse.Namespace) -> int:
    """List installed questionnaires, every version."""
    from testimonio.cli.vault_cmds import open_vault
    from testimonio.services.questionnaires import QuestionnaireService

    with open_vault(args) as vault:
        forms = QuestionnaireService(vault).list()
    if not forms:
        _out("No questionnaires installed. Add one with: testimonio forms add FILE.xlsx")
        return EXIT_OK
    _out(f"{'form id':<24} {'version':<14} {'languages':<10} {'installed':<20} title")
    for form in forms:
        _out(f"{form.form_id:<24} {form.version:<14} {','.join(form.languages):<10} "
             f"{form.installed_at[:19]:<20} {form.title}")
    return EXIT_OK


# --- interviews add --------------------------------------------------------------


def cmd_interviews_add(args: argparse.Namespace) -> int:
    """Add an interview from a JSON file of answers, validated like the GUI does.

    Without ``--complete`` the answers given must be valid (types, choices,
    constraints); missing required answers are allowed, as in a draft. With
    ``--complete`` everything the GUI's Complete checks must pass. Values of
    image/file/audio questions are paths to files (relative to the JSON file),
    stored as attachments inside the vault.
    """
    from testimonio.cli.vault_cmds import open_vault
    from testimonio.services.interview_add import add_interview

    answers_path = Path(args.answers)
    data = _read_answers(answers_path)
    with open_vault(args) as vault:
        added = add_interview(vault, args.form, data, answers_path.parent, str(args.site),
                              complete=bool(args.complete), wanted_language=_wanted_language())
    if added.site_added:
        _out(f"Site '{added.site}' added to the site list.")
    _out(f"Interview {added.interview_id} added ({added.form_id} version "
         f"{added.version}, {added.site}, {added.status}).")
    _out(added.interview_id)
    return EXIT_OK


def _wanted_language() -> str:
    """Messages in Spanish for a Spanish locale, else English."""
    return "es" if os.environ.get("LANG", "").lower().startswith("es") else "en"


def _read_answers(path: Path) -> Any:
    """The answers file's JSON, its size and its numbers bounded before use."""
    name = shown(path.name)
    try:
        # Read at most one byte past the limit: a size from stat() says
        # nothing for /dev/zero, a pipe or a file that grows meanwhile.
        with open(path, "rb") as f:
            raw = f.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"There is no answers file {shown(path)}.") from None
    except IsADirectoryError:
        raise BadInput(f"{shown(path)} is a folder, not an answers file.") from None
    except OSError as error:
        raise BadInput(f"{name}: the answers file cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise BadInput(f"{name}: the answers file is larger than "
                       f"{MAX_ANSWERS_BYTES // (1024 * 1024)} MB.")
    try:
        return json.loads(raw.decode("utf-8"), parse_int=_answer_int,
                          parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BadInput(f"{name}: the answers file must be UTF-8 JSON.") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{name}: not valid JSON (line {error.lineno}, column "
                       f"{error.colno}: {error.msg}).") from None
    except ValueError as error:  # from the hooks below
        raise BadInput(f"{name}: {error}") from None
    except RecursionError:
        raise BadInput(f"{name}: the JSON is nested too deeply.") from None


def _answer_int(text: str) -> int:
    # Python refuses to read ints past 4 300 digits only with a ValueError of
    # its own; no answer needs more than 18 (what an integer answer stores).
    if len(text.lstrip("-")) > 18:
        raise ValueError(f"the number {text[:12]}… has more than 18 digits; no answer can hold it.")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows.")


