"""The Reports sub-view for `bodesk screenshots`: the income statement of the year so far, the
receivables aging and the trial balance, each as the screen shows it (on the screenshots' own data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bodesk.ui.screenshots import settle

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera

SHOTS = (
    ("income-statement", "finance-reports"),
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
