"""``forms check|add|list`` and ``interviews add``: questionnaires on the command line.

Each handler returns an exit code; errors are raised as TestimonioError and
turned into a sentence and an exit code by :func:`testimonio.cli.run`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from testimonio.errors import EXIT_OK
from testimonio.forms.model import FREE_TEXT_TYPES, Group, Privacy, Question, Questionnaire

if TYPE_CHECKING:
    from testimonio.forms.loader import LoadResult


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


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
    lines.append(f"  groups       {groups} groups, {repeats} repeats")
    lines.extend(_privacy_lines(q))
    for warning in result.warnings:
        first = warning.strip().splitlines()[0] if warning.strip() else ""
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


def _holds_answer(node: Question) -> bool:
    return node.type != "note"


def cmd_forms_check(args: argparse.Namespace) -> int:
    """Validate a questionnaire file and print its summary (no vault needed)."""
    from testimonio.forms.loader import load_file

    result = load_file(Path(args.file))
    for line in describe(result):
        _out(line)
    return EXIT_OK


@contextmanager
def _open_vault(args: argparse.Namespace) -> Iterator[object]:
    from testimonio.cli.common import ask_secret, vault_dir
    from testimonio.vault import Vault

    vault = Vault.unlock(vault_dir(args), ask_secret("Passphrase: ", "TESTIMONIO_PASSPHRASE"))
    try:
        yield vault
    finally:
        vault.close()


def cmd_forms_add(args: argparse.Namespace) -> int:
    """Install a questionnaire version into the vault (older versions stay)."""
    from testimonio.forms.loader import load_file
    from testimonio.services.questionnaires import QuestionnaireService

    result = load_file(Path(args.file))  # before asking for a passphrase
    with _open_vault(args) as vault:
        service = QuestionnaireService(vault)  # type: ignore[arg-type]
        installed, new = service.install_result(result, Path(args.file).read_bytes())
    q = installed
    state = "installed" if new else "already installed (same file)"
    _out(f"{q.form_id} version {q.version}: {state}.")
    return EXIT_OK


def cmd_forms_list(args: argparse.Namespace) -> int:
    """List installed questionnaires, every version."""
    from testimonio.services.questionnaires import QuestionnaireService

    with _open_vault(args) as vault:
        forms = QuestionnaireService(vault).list()  # type: ignore[arg-type]
    if not forms:
        _out("No questionnaires installed. Add one with: testimonio forms add FILE.xlsx")
        return EXIT_OK
    _out(f"{'form id':<24} {'version':<14} {'languages':<10} {'installed':<20} title")
    for form in forms:
        _out(f"{form.form_id:<24} {form.version:<14} {','.join(form.languages):<10} "
             f"{form.installed_at[:19]:<20} {form.title}")
    return EXIT_OK
