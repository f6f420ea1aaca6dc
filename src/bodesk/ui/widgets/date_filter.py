"""A list's filter on dates: a date or "no date", and the From and To pair that limits a list to whole
days (the domain's `listing.within_dates` reads them as the "from" and "to" filters)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from bodesk.i18n import _, current_language
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.list_view import ListView

NO_DATE = QDate(2000, 1, 1)


def qdate(value: date) -> QDate:
    """A Python date as Qt's."""
    return QDate(value.year, value.month, value.day)


class DateFilter(QWidget):
    """A date or "no date" (the edit's minimum), with a button that clears it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        locale = QLocale(current_language())
        self.edit.setLocale(locale)
        pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
        self.edit.setDisplayFormat(pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy"))
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(_("No date"))
        self.edit.setDate(NO_DATE)
        self.edit.calendarWidget().installEventFilter(self)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setToolTip(_("No date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda _date: self.changed.emit())

    def value(self) -> date | None:
        chosen = self.edit.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(NO_DATE if value is None else qdate(value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


def add_date_range(view: ListView) -> tuple[DateFilter, DateFilter]:
    """From and To date filters placed among the list's filters, setting the "from" and "to" filters
    of the list's model as the person picks or clears a date."""
    start, end = DateFilter(view), DateFilter(view)
    view.add_filter(_("From"), start)
    view.add_filter(_("To"), end)
    start.changed.connect(lambda: view.model.set_filter("from", start.value()))
    end.changed.connect(lambda: view.model.set_filter("to", end.value()))
    return start, end
