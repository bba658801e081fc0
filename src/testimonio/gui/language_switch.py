"""Changing the interface language from Settings, at once, without a restart.

Qt translates a text when a widget is built, so the main window is rebuilt
in the new language: the open interview is saved and closed, its place
noted (as a lock does), menus, tool bar and list are made again, and the
interview reopens at the same question. Nothing is unlocked or re-read from
disk but the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from testimonio.gui.i18n import languages

if TYPE_CHECKING:
    from testimonio.gui.main_window import MainWindow


def switch_language(window: MainWindow, setting: str) -> bool:
    """Rebuild ``window`` in the language ``setting``; False if the open
    interview could not be saved (nothing changes then)."""
    from testimonio.gui.views.interview_list_view import InterviewListView

    view = window.views.get("interview")
    place = None
    if view is not None:
        current = getattr(view, "current_path", None)
        place = (window._open_id, current() if callable(current) else None)
    if not window.close_interview():
        return False
    for name in list(window.views):
        window._destroy_view(name)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    (window.languages or languages(app)).install(setting)
    for action in window.actions():
        window.removeAction(action)
        action.deleteLater()
    window.menuBar().clear()
    window.removeToolBar(window.toolbar)
    window.toolbar.deleteLater()
    old = window.list_view
    window.list_view = InterviewListView(window.context, window.stack)
    window.list_view.open_requested.connect(window.open_interview)
    window.list_view.selection_changed.connect(window._update_actions)
    window.stack.insertWidget(0, window.list_view)
    window.stack.removeWidget(old)
    old.deleteLater()
    window._build_actions()
    window._build_menus()
    window._build_toolbar()
    window.save_label.setAccessibleName(QApplication.translate("MainWindow", "Save state"))
    window.list_view.load()
    window.stack.setCurrentWidget(window.list_view)
    window.set_save_state(True)
    if place and place[0]:
        window.open_interview(place[0], place[1])
    else:
        window.list_view.table.setFocus()
    window._update_actions()
    return True
