"""Removing one instance of a repeat and renumbering the ones after it.

Answer paths carry 1-based instance numbers (``companions[2]/age``, see
forms/model.py). Removing instance *n* deletes its answers and attachments
and moves every later instance down by one, nested repeats included, so the
paths stay dense as the form engine expects.
"""

from __future__ import annotations

import re

from testimonio.vault.db import Db
from testimonio.vault.records import AnswerValue, decode_value


def _renumber(path: str, repeat_path: str, index: int) -> str | None:
    """The new path after removing instance ``index``; None if it goes; same if unaffected."""
    prefix = repeat_path + "["
    if not path.startswith(prefix):
        return path
    found = re.match(r"(\d+)\](.*)$", path[len(prefix):], re.DOTALL)
    if found is None:
        return path
    number, rest = int(found[1]), found[2]
    if rest and not rest.startswith("/"):
        return path  # another repeat whose name starts the same way
    if number == index:
        return None
    if number < index:
        return path
    return f"{prefix}{number - 1}]{rest}"


def remove_instance(db: Db, interview_id: str, repeat_path: str,
                    index: int) -> dict[str, AnswerValue]:
    """Do it inside the caller's transaction; returns the removed answers by path."""
    prefix = repeat_path + "["
    rows = db.execute(
        "SELECT path, value FROM answers WHERE interview_id = ? AND substr(path, 1, ?) = ?",
        (interview_id, len(prefix), prefix)).fetchall()
    removed: dict[str, AnswerValue] = {}
    moves: list[tuple[str, str]] = []
    for path, value in rows:
        new = _renumber(path, repeat_path, index)
        if new is None:
            removed[path] = decode_value(value)
        elif new != path:
            moves.append((path, new))
    db.executemany("DELETE FROM answers WHERE interview_id = ? AND path = ?",
                   [(interview_id, p) for p in removed])
    # Ascending order: each target path was freed by the step before.
    for old, new in sorted(moves, key=lambda m: _order(m[0], repeat_path)):
        db.execute("UPDATE answers SET path = ? WHERE interview_id = ? AND path = ?",
                   (new, interview_id, old))

    attachments = db.execute(
        "SELECT id, question_path FROM attachments WHERE interview_id = ? "
        "AND substr(question_path, 1, ?) = ?", (interview_id, len(prefix), prefix)).fetchall()
    for attachment_id, path in attachments:
        new = _renumber(path, repeat_path, index)
        if new is None:
            db.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
        elif new != path:
            db.execute("UPDATE attachments SET question_path = ? WHERE id = ?",
                       (new, attachment_id))

    row = db.execute("SELECT value FROM answers WHERE interview_id = ? AND path = ?",
                     (interview_id, repeat_path)).fetchone()
    count = decode_value(row[0]) if row else None
    if isinstance(count, int) and count >= index:
        if count - 1 > 0:
            db.execute("UPDATE answers SET value = ? WHERE interview_id = ? AND path = ?",
                       (str(count - 1), interview_id, repeat_path))
        else:
            db.execute("DELETE FROM answers WHERE interview_id = ? AND path = ?",
                       (interview_id, repeat_path))
    return removed


def _order(path: str, repeat_path: str) -> int:
    found = re.match(r"(\d+)\]", path[len(repeat_path) + 1:])
    return int(found[1]) if found else 0
