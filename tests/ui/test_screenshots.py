"""`bodesk screenshots`: every screen, in both languages, as a non-empty PNG."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage

from bodesk.i18n import current_language
from bodesk.ui.mainwindow import DEFAULT_SIZE
from bodesk.ui.screenshots import render_screenshots

SCREENS = (
    "wizard-company",
    "wizard-logo",
    "wizard-preferences",
    "wizard-owner",
    "login",
    "login-error",
    "home",
    "admin-users",
    "admin-user-add",
    "admin-roles",
    "admin-audit",
    "settings-desk",
    "settings-company",
    "about",
    "account-password",
    "search-popup",
    "progress",
    "main-sales-user",
    "stock-products",
    "stock-on_hand",
    "stock-moves",
    "stock-lots",
    "stock-counts",
    "stock-warehouses",
    "stock-product-dialog",
    "stock-transfer-dialog",
    "stock-breakage-dialog",
    "stock-count-entry",
    "purchasing-suppliers",
    "purchasing-orders",
    "purchasing-receipts",
    "purchasing-reorder",
    "purchasing-order-editor",
    "purchasing-receive",
    "sales-customers",
    "sales-orders",
    "sales-returns",
    "sales-stock",
    "sales-price_tables",
    "sales-commissions",
    "sales-processing",
    "sales-customer-dialog",
    "sales-order-editor",
    "sales-ship-dialog",
    "sales-settings-dialog",
    "finance-bills",
    "finance-bill-dialog",
    "finance-journal",
    "finance-journal-manual",
    "finance-entry-dialog",
    "finance-accounts",
    "finance-accounts-ledger",
    "finance-account-dialog",
    "finance-settings-dialog",
    "finance-periods",
    "finance-close-dialog",
    "finance-invoices",  # invoices
    "finance-invoice-orders",  # invoices
    "finance-invoice-lines",  # invoices
    "finance-invoice-nfe",  # invoices
    # receivables, payables and payments
    "finance-receivables",
    "finance-receive-dialog",
    "finance-payables",
    "finance-payments",
    # banking
    "finance-bank_accounts",
    "finance-transfer-dialog",
    "finance-statements",
    "finance-statement-import-dialog",
    "finance-reconcile",
    "finance-reconcile-suggestions",
    "finance-reconcile-entry-dialog",
    "finance-reconcile-payment-dialog",
    # finance reports and recurring payables
    "finance-recurring",
    "finance-recurring-dialog",
    "finance-reports",
    "finance-reports-income-statement",
    "finance-reports-aging",
    "finance-reports-trial-balance",
    "deliveries-trips",
    "deliveries-stop-result",
    "deliveries-plan-trip",
    "deliveries-settlement",
    "deliveries-settle-dialog",
    "deliveries-routes",
    "deliveries-vehicles",
    "deliveries-containers",
)


def test_every_screen_is_rendered_in_both_languages(qapp: object, tmp_path: Path) -> None:
    home = os.environ["BODESK_HOME"]
    written = render_screenshots(tmp_path, ("en", "pt_BR"))

    expected = {f"{screen}.{language}.png" for screen in SCREENS for language in ("en", "pt_BR")}
    assert {path.name for path in written} == expected
    for path in written:
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 100 and image.height() > 50, path.name
    main = QImage(str(tmp_path / "home.en.png"))
    assert (main.width(), main.height()) == DEFAULT_SIZE
    assert os.environ["BODESK_HOME"] == home
    assert current_language() == "en"
    assert not list(Path(home).rglob("*"))  # the person's own folders were not touched
