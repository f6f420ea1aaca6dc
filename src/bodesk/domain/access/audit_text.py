"""How a value the audit log stored reads for a person, in their language: the log keeps values as
plain JSON (codes, numbers as text, ISO dates) so that it never changes; this reads them back as the
screens show them: Yes/No, a role's or a document state's name, a number or a date in the person's
format."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from bodesk.domain.access.permissions import role_label
from bodesk.domain.common.figures import date_text
from bodesk.domain.common.lifecycle import lifecycle_of
from bodesk.i18n import _, format_decimal

_DECIMAL = re.compile(r"-?\d+\.\d+")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")


def audit_value_text(record: str, key: str, value: Any) -> str:
    """`value` of field `key` in an entry about a `record` (its type: "purchase_order")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if key == "role":
        return role_label(text)
    lifecycle = lifecycle_of(record) if key == "status" else None
    if lifecycle is not None:
        return lifecycle.label(text)
    if isinstance(value, str) and _DECIMAL.fullmatch(text):
        number = Decimal(text)
        return format_decimal(number, -int(number.as_tuple().exponent))
    if isinstance(value, str) and _ISO.fullmatch(text):
        return date_text(text)
    return text
