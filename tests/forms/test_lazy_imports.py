"""pyxform and openpyxl are imported only when a form is parsed (issue 17 item 7)."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
import testimonio.services.questionnaires
import testimonio.forms.loader
import testimonio.forms.state
heavy = sorted(m for m in ("pyxform", "openpyxl") if m in sys.modules)
print(",".join(heavy))
from testimonio.forms.loader import split_language
print(",".join(sorted(m for m in ("pyxform",) if m in sys.modules)))
"""


def test_listing_forms_does_not_import_pyxform() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60)
    before, after = out.stdout.splitlines()
    assert before == ""
    assert after == "pyxform"  # asked for: loaded then
