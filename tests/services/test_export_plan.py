"""Planning an export over the shipped border questionnaire (no vault needed)."""

from __future__ import annotations

import json

from testimonio.forms.loader import load_questionnaire
from testimonio.paths import shipped_forms_dir
from testimonio.services.export_plan import (
    ExportPlan,
    InterviewToExport,
    StoredAttachment,
    plan_record,
)

Q = load_questionnaire(shipped_forms_dir() / "border_testimony.xlsx")
P = {n.name: n.path for n in Q.walk()}


def interview(n: int, age: int = 34, gender: str = "female", **extra: object) -> InterviewToExport:
    answers = {P["alias"]: f"Rosa{n}", P["real_name"]: "CANARY-NAME", P["document_number"]: "V-999",
               P["gender"]: gender, P["age"]: age, P["account"]: "CANARY-STORY at home",
               P["start"]: "2019-11-20T09:15:00.000-05:00", "document_photos": 1,
               "document_photos[1]/photo": "att-id", "document_photos[1]/photo_document": "passport"}
    answers.update(extra)  # type: ignore[arg-type]
    return InterviewToExport(
        id=f"vault-{n}", export_id=f"{n:032x}", form_id=Q.form_id, form_version=Q.version,
        revision=2, site="CEBAF Peru", language="es", created_at="2019-11-20T14:00:00.000Z",
        updated_at="2019-11-21T10:00:00.000Z", answers=answers,
        attachments=(StoredAttachment("att-id", "document_photos[1]/photo", "image/jpeg", 10,
                                      clean_mime="image/jpeg", clean_size=8, clean_sha256="ab" * 32),),
    )


def test_record_leaves_pseudonymised() -> None:
    planned = plan_record(interview(1), Q, lang="en")
    text = json.dumps(planned.record)
    assert "CANARY" not in text and "V-999" not in text and "vault-1" not in text
    assert "att-id" not in text and planned.attachments == ()  # identifier photo stays
    a = planned.record["answers"]
    assert a[P["alias"]] == "Rosa1" and a[P["age"]] == "30-39" and a[P["start"]] == "2019-11"
    assert planned.record["started"] == "2019-11" and planned.record["export_id"] == f"{1:032x}"
    hows = {v.path: v.how for v in planned.values}
    assert hows[P["age"]] == "generalised" and hows[P["start"]] == "month"


def test_small_groups_refused_then_suppressed() -> None:
    records = [plan_record(interview(i), Q) for i in range(4)] + [plan_record(interview(9, age=70), Q)]
    plan = ExportPlan(records, previous=[], k=4, sequence=1)
    assert [g.size for g in plan.groups] == [1]
    plan.suppress_small_groups()
    assert plan.groups == [] and plan.suppressed_ids == {f"{9:032x}"}
    blanked = records[-1].record["answers"]
    assert P["age"] not in blanked and P["gender"] not in blanked and P["alias"] in blanked
    assert {v.path for v in records[-1].values if v.how == "blanked"} >= {P["age"], P["gender"]}
    out = plan.to_json()
    assert out["blanked"] == [f"{9:032x}"] and len(out["records"]) == 5


def test_a_planned_record_gives_back_its_ids_as_they_were() -> None:
    # A plan keeps export ids of 32 lower-case hex digits as bytes; every id comes back the same.
    for interview_id, export_id in (("ab" * 16, "0f" * 16), ("AB" * 16, "g" * 32), ("vault-1", "e")):
        base = interview(1)
        planned = plan_record(InterviewToExport(**{**base.__dict__, "id": interview_id,
                                                   "export_id": export_id}), Q)
        assert (planned.interview_id, planned.export_id) == (interview_id, export_id)
        assert planned.quasi.export_id == planned.record["export_id"] == export_id
