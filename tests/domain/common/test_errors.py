"""The field names of validation errors: one scheme for "line N" of any document."""

from __future__ import annotations

from bodesk.domain.common.errors import LineRef, line_field, line_of


def test_a_line_and_a_part_of_it_are_named_one_way() -> None:
    assert line_field(3, "quantity") == "line:3:quantity"
    assert line_field(12) == "line:12"


def test_a_line_field_is_read_back_and_other_fields_are_not_lines() -> None:
    assert line_of(line_field(3, "package_price")) == LineRef(3, "package_price")
    assert line_of("line:12") == LineRef(12, "")
    for other in ("lines", "supplier", "line3", "line:x:quantity", "timeline:3:quantity"):
        assert line_of(other) is None
