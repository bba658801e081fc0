"""pyxform and openpyxl are imported only when a form is parsed (issue 17 item 7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import KdfParams, Vault

PASS = "correct horse battery staple 42"

_PROBE = """
import sys
from pathlib import Path
import testimonio.forms.loader
import testimonio.forms.state
from testimonio.services.interviews import InterviewService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import Vault
from testimonio.vault.records import InterviewQuery
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
forms = QuestionnaireService(vault).list()           # the list's form filter
InterviewService(vault).page(InterviewQuery())        # the first page of the list
print(len(forms), ",".join(sorted(m for m in ("pyxform", "openpyxl") if m in sys.modules)))
QuestionnaireService(vault).get(forms[0].form_id)     # opening a form parses it
print(",".join(sorted(m for m in ("pyxform",) if m in sys.modules)))
"""


def test_unlock_and_list_do_not_import_pyxform_or_openpyxl(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "v", PASS, kdf=KdfParams.FAST)[0]
    QuestionnaireService(vault).install_shipped()
    vault.lock()
    out = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "v"), PASS], capture_output=True,
                         text=True, check=True, timeout=120)
    listed, after = out.stdout.splitlines()
    count, heavy = listed.split(" ", 1)
    assert int(count) >= 2 and heavy == ""  # the shipped forms listed, nothing heavy imported
    assert after == "pyxform"
