"""The export preview table: exactly what leaves, one value a row (qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from testimonio.gui.models.preview_model import PreviewModel, PreviewRow


def test_preview_model(qtmodeltester) -> None:
    preview = PreviewModel()
    preview.set_rows([
        PreviewRow("x-1", "border_testimony", "age", "Age", "30-39", "generalised"),
        PreviewRow("x-1", "border_testimony", "alias", "Alias", "Rosa", "as entered"),
        PreviewRow("x-2", "border_testimony", "alias", "Alias", "Pedro", "as entered"),
    ])
    qtmodeltester.check(preview)
    assert preview.interviews() == ["x-1", "x-2"]
    assert preview.index(0, PreviewModel.VALUE).data() == "30-39"
    assert preview.index(0, PreviewModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole) == "age"


def test_review_model_records_decisions(qtmodeltester) -> None:
    from testimonio.gui.models.preview_model import ReviewModel, ReviewRow

    model = ReviewModel()
    model.set_rows([ReviewRow("i1", "Rosa", "leaving/account", "Account", "text one", (("Name", "X"),)),
                    ReviewRow("i2", "Pedro", "leaving/account", "Account", "text two")],
                   kept=[("i2", "leaving/account")])
    qtmodeltester.check(model)
    assert model.kept() == [("i2", "leaving/account")]  # withheld unless decided otherwise
    index = model.index(0, ReviewModel.DECISION)
    assert index.data() == "Withheld"
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data() == "Leaves"
    assert set(model.kept()) == {("i1", "leaving/account"), ("i2", "leaving/account")}
    assert not model.setData(model.index(0, ReviewModel.ANSWER), "x", Qt.ItemDataRole.EditRole)


def test_attachments_model_ticks(qtmodeltester) -> None:
    from testimonio.gui.models.preview_model import AttachmentRow, AttachmentsModel

    model = AttachmentsModel()
    model.set_rows([AttachmentRow("a1", "Rosa", "documents/photo", "x-1.jpg", "image/jpeg", 4096),
                    AttachmentRow("a2", "Rosa", "documents/photo", "x-2.png", "image/png", 10)], ["a1", "a2"])
    qtmodeltester.check(model)
    assert model.index(0, AttachmentsModel.SIZE).data() == "4 KB"
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked() == ["a1"]


def test_preview_marks_texts_the_safety_net_keeps_back(qtmodeltester) -> None:

    model = PreviewModel()
    model.set_rows([
        PreviewRow("x-1", "border_testimony", "alias", "Alias", "Rosa 0412-555-0101",
                   "stays: looks like phone number"),
        PreviewRow("x-1", "border_testimony", "age", "Age", "30-39", "generalised"),
    ])
    qtmodeltester.check(model)
    role = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(0, PreviewModel.VALUE), role) is not None
    assert model.data(model.index(1, PreviewModel.VALUE), role) is None  # control


def test_preview_words_and_colours_per_column(app: object) -> None:
    model = PreviewModel()
    model.set_rows([
        PreviewRow("x-1234567890", "border_testimony", "person/gender", "Gender", "female", "as entered",
                   shown_interview="Rosa", shown_questionnaire="Border testimony", shown_value="Woman"),
        PreviewRow("x-2234567890", "border_testimony", "person/age", "", "30-39", "band"),
    ])
    tip, show = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DisplayRole

    def cell(row: int, col: int, role: Qt.ItemDataRole = show) -> object:
        return model.data(model.index(row, col), role)

    assert cell(0, PreviewModel.INTERVIEW) == "Rosa" and cell(1, PreviewModel.INTERVIEW) == "x-223456"
    assert cell(0, PreviewModel.INTERVIEW, tip) == "Rosa (leaves as x-1234567890)"
    assert cell(0, PreviewModel.VALUE) == "Woman"  # the label the researcher reads...
    assert cell(0, PreviewModel.VALUE, tip) == "Woman (in the bundle: female)"  # ...and the code that leaves
    assert cell(1, PreviewModel.VALUE) == cell(1, PreviewModel.VALUE, tip) == "30-39"
    assert cell(0, PreviewModel.QUESTIONNAIRE) == "Border testimony"
    assert cell(1, PreviewModel.QUESTION) == "person/age"  # no label: the path
    assert cell(1, PreviewModel.HOW) == "band"
    assert cell(0, PreviewModel.INTERVIEW, Qt.ItemDataRole.UserRole).path == "person/gender"
    foreground = Qt.ItemDataRole.ForegroundRole
    assert cell(0, PreviewModel.HOW, foreground) is not None  # how it leaves, greyed
    assert cell(0, PreviewModel.VALUE, foreground) is None
    assert cell(0, PreviewModel.VALUE, Qt.ItemDataRole.FontRole) is None
