"""How an imported interview's date is shown, for the GUI (which reads no
vault module): the rule itself is ``vault/day_stamps.py``."""

from __future__ import annotations

from testimonio.vault.day_stamps import sent_date

__all__ = ["sent_date"]
