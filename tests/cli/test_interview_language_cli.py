"""An interview added from the command line is taken in the questionnaire's
default language (it opens so in the GUI), whatever the terminal's language."""

from __future__ import annotations

import json
from pathlib import Path

from test_exchange_cli import BORDER, PASS, answers, run

from testimonio.services.interviews import InterviewService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import KdfParams, Vault


def test_cli_interviews_take_the_questionnaire_default_language(tmp_path: Path) -> None:
    folder = tmp_path / "res"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    run(folder, "forms", "add", str(BORDER))
    f = tmp_path / "a.json"
    f.write_text(json.dumps(answers(1, 31)), encoding="utf-8")
    run(folder, "interviews", "add", "--form", "border_testimony", "--site", "Tumbes",
        "--answers", str(f))
    vault = Vault.unlock(folder, PASS)
    try:
        interviews = InterviewService(vault)
        iid = json.loads(run(folder, "interviews", "list", "--json").stdout)[0]["id"]
        record = interviews.get(iid)
        form = QuestionnaireService(vault).get(record.form_id, record.form_version)
        assert record.language == form.default_language
    finally:
        vault.lock()
