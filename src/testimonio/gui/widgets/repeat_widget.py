"""A repeat (companions, relatives, quotes): its instances, each in a box,
with "Add" and a confirmed "Remove".

The widget knows nothing about answers: the page fills each instance's box
through ``build_instance`` and acts on ``add_requested``/``remove_requested``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from testimonio.forms.model import Group

#: Fills an instance's box: (layout, instance answer path, 1-based index).
BuildInstance = Callable[[QVBoxLayout, str, int], None]


class RepeatWidget(QFrame):
    """Shows the instances of one repeat at one answer path.

    ``remove_requested(int)`` carries the 1-based instance, already confirmed
    by the interviewer (unless :attr:`confirm_removal` is False).
    """

    add_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self, group: Group, path: str, title: str, build_instance: BuildInstance,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.path = path
        self.title = title
        self.confirm_removal = True
        self._build_instance = build_instance
        self._read_only = False
        self.boxes: list[QGroupBox] = []
        self._remove_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self._instances = QVBoxLayout()
        self.empty_label = QLabel(self.tr("None added yet."), self)
        self.empty_label.setStyleSheet("color: palette(mid);")
        self.add_button = QPushButton(self.tr("Add: %1").replace("%1", title), self)
        self.add_button.setAccessibleName(self.tr("Add: %1").replace("%1", title))
        self.add_button.clicked.connect(self.add_requested)
        # A fixed count comes from the form (repeat_count): no add or remove.
        self._fixed = group.repeat_count is not None
        self.add_button.setVisible(not self._fixed)
        layout.addLayout(self._instances)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def set_count(self, count: int) -> None:
        """Show ``count`` instances: new ones are appended; after a removal
        (later instances move up) every box is rebuilt."""
        if count < len(self.boxes):
            for box in self.boxes:
                self._instances.removeWidget(box)
                # Hidden and detached now: deleteLater only runs at the next
                # turn of the event loop, and a stale box must not be seen.
                box.hide()
                box.setParent(None)
                box.deleteLater()
            self.boxes.clear()
            self._remove_buttons.clear()
        for index in range(len(self.boxes) + 1, count + 1):
            self._add_box(index)
        self.empty_label.setVisible(count == 0)

    def count(self) -> int:
        return len(self.boxes)

    def _add_box(self, index: int) -> None:
        box = QGroupBox(f"{self.title} {index}", self)
        box.setObjectName("repeatInstance")
        inner = QVBoxLayout(box)
        self._build_instance(inner, f"{self.path}[{index}]", index)
        if not self._fixed:
            remove = QPushButton(self.tr("Remove %1 %2").replace("%1", self.title)
                                 .replace("%2", str(index)), box)
            remove.clicked.connect(lambda _c=False, i=index: self.ask_remove(i))
            remove.setEnabled(not self._read_only)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(remove)
            inner.addLayout(row)
            self._remove_buttons.append(remove)
        self._instances.addWidget(box)
        if self.isVisible():
            box.show()  # now, not at the next event-loop turn: it takes the keyboard
        self.boxes.append(box)

    def remove_buttons(self) -> list[QPushButton]:
        """The "Remove" button of each instance, in order."""
        return list(self._remove_buttons)

    def ask_remove(self, index: int) -> None:
        """Confirm, then ask the page to remove instance ``index``."""
        if self._read_only:
            return
        if self.confirm_removal:
            answer = QMessageBox.question(
                self, self.tr("Remove"),
                self.tr("Remove %1 %2 and every answer in it? This cannot be undone.")
                .replace("%1", self.title).replace("%2", str(index)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remove_requested.emit(index)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        for button in self._remove_buttons:
            button.setEnabled(not read_only)
