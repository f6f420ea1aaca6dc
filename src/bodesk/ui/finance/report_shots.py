"""The Reports sub-view for `bodesk screenshots`: the income statement of the year so far, the
receivables aging and the trial balance, each as the screen shows it (on the screenshots' own data), and
the recurring payable dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from bodesk.ui.screenshots import settle

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera

SHOTS = (
    ("income-statement", "finance-reports-income-statement"),
    ("aging-receivables", "finance-reports-aging"),
    ("trial-balance", "finance-reports-trial-balance"),
)


def report_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.finance.reports_view import ReportsView
    from bodesk.ui.finance.shots import sample_entries

    sample_entries(window.db, window.actor)
    view = window.show_view("finance", "reports")
    if not isinstance(view, ReportsView):
        return
    for key, name in SHOTS:
        view.picker.setCurrentIndex(view.picker.findData(key))
        view.run()
        settle(200)
        camera.shoot(name, window)
    _recurring_shots(camera, window)


def _recurring_shots(camera: Camera, window: MainWindow) -> None:
    """The recurring payables' dialog, filled as a person would for the rent."""
    from PySide6.QtWidgets import QDialog

    from bodesk.ui.finance.recurring_view import RecurringDialog, RecurringView

    view = window.show_view("finance", "recurring")
    if not isinstance(view, RecurringView):
        return
    view.add()
    dialog = view.dialog
    if isinstance(dialog, RecurringDialog):
        dialog.description.setText("Aluguel do galpão")
        dialog.account.setCurrentIndex(max(0, dialog.account.findText("6.5", Qt.MatchFlag.MatchStartsWith)))
        dialog.amount.setText("12.000,00")
        settle(150)
        camera.shoot("finance-recurring-dialog", dialog)
    if isinstance(dialog, QDialog):
        dialog.reject()
