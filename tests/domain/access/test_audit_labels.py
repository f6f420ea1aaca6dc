"""Every field, action and record type the audit log writes has a label a person reads in their own
language, read from the source itself: the keys of each dict written to `audit.record` (and of the
`*snapshot*` functions whose dicts the services compare), its action and record codes. The search
finds those names, and the stored values read as the screens show them."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import fields as dataclass_fields
from functools import cache
from pathlib import Path

import pytest

import bodesk
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.audit_text import audit_value_text
from bodesk.domain.access.queries import AuditQuery
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.company.services import CompanyDetails
from bodesk.domain.purchasing.suppliers import SupplierData
from bodesk.domain.registry import audit_labels, modules
from bodesk.i18n import set_language
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product

DOMAIN = Path(bodesk.__file__).resolve().parent / "domain"
SNAPSHOT_FORMS = (CompanyDetails, SupplierData)  # snapshots made of every field of these


def _constants(nodes: list[ast.expr | None] | list[ast.expr]) -> set[str]:
    return {node.value for node in nodes if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _tuples(tree: ast.Module) -> dict[str, ast.Tuple]:
    """The module's constants that are tuples (AUDITED = ("sku", "name", ...))."""
    return {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Tuple)
    }


def _keys(node: ast.expr, named: dict[str, ast.Tuple]) -> set[str]:
    """The literal keys of a dict, a dict built over a tuple of names (written out or a module's
    constant), or a union of them."""
    if isinstance(node, ast.Dict):
        return _constants(node.keys)
    if isinstance(node, ast.DictComp):
        over = node.generators[0].iter
        if isinstance(over, ast.Name) and over.id in named:
            over = named[over.id]
        return _constants(over.elts) if isinstance(over, ast.Tuple) else set()
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _keys(node.left, named) | _keys(node.right, named)
    return set()


def _snapshot_keys(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and "snapshot" in node.name:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found |= _keys(inner.value, _tuples(tree))
    return found


def _batch_entries(tree: ast.Module) -> list[tuple[str, str]]:
    """(action, record type) of the entries a module writes with `audit.record_many`: the tuples
    (action, record type, key, old, new) it builds."""
    if not any(isinstance(node, ast.Attribute) and node.attr == "record_many" for node in ast.walk(tree)):
        return []
    return [
        (node.elts[0].value, node.elts[1].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Tuple)
        and len(node.elts) == 5
        and all(isinstance(elt, ast.Constant) and isinstance(elt.value, str) for elt in node.elts[:2])
    ]  # type: ignore[attr-defined]


def _record_calls(tree: ast.Module) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "record"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "audit"
    ]


@cache
def written() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(fields, actions, record types) the domain's source writes to the audit log."""
    fields: set[str] = {field.name for form in SNAPSHOT_FORMS for field in dataclass_fields(form)}
    actions: set[str] = set()
    records: set[str] = set()
    for path in DOMAIN.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        fields |= _snapshot_keys(tree)
        for action, record in _batch_entries(tree):
            actions.add(action)
            records.add(record)
        for call in _record_calls(tree):
            for keyword in call.keywords:
                if keyword.arg in ("old", "new"):
                    fields |= _keys(keyword.value, _tuples(tree))
            texts = [arg.value for arg in call.args[2:4] if isinstance(arg, ast.Constant)]
            if len(texts) == 2:  # action, record type
                actions.add(str(texts[0]))
                records.add(str(texts[1]))
    return frozenset(fields), frozenset(actions), frozenset(records)


def test_the_reader_finds_what_the_services_write() -> None:
    fields, actions, records = written()
    assert {"sku", "counted", "failures", "supplier_invoice"} <= fields
    assert {"product.add", "stock_count.post", "login"} <= actions
    assert {"product", "user", "purchase_order"} <= records


def test_every_field_written_has_a_label() -> None:
    declared = {name for module in modules() for name in module.audit_fields}
    assert sorted(written()[0] - declared) == []


def test_every_action_and_record_type_written_has_a_label() -> None:
    actions = {code for module in modules() for code in module.audit_actions}
    records = {code for module in modules() for code in module.audit_records}
    _fields, written_actions, written_records = written()
    assert sorted(written_actions - actions) == []
    assert sorted(written_records - records) == []


@pytest.fixture
def portuguese() -> Iterator[None]:
    set_language("pt_BR")
    yield
    set_language("en")


def test_the_search_finds_actions_and_record_types_by_their_names_in_the_persons_language(
    db: Database, owner: Actor, portuguese: None
) -> None:
    make_product(db, owner, "AG-500", "Água Mineral")
    query = AuditQuery(audit_labels)
    by_name = query.page(db, owner, ListRequest(search="produto incluido"), 0, 50)
    assert [query.value(row, "action") for row in by_name] == ["product.add"]
    by_type = query.page(db, owner, ListRequest(search="usuário"), 0, 50)
    assert {query.value(row, "entity") for row in by_type} == {"user"}
    by_code = query.page(db, owner, ListRequest(search="product.add"), 0, 50)
    assert len(by_code) == 1
    assert AuditQuery().page(db, owner, ListRequest(search="produto incluido"), 0, 50) == []


@pytest.mark.parametrize(
    ("record", "key", "value", "shown"),
    [
        ("stock_count", "status", "posted", "Lançado"),
        ("purchase_order", "status", "partly_received", "Recebido em parte"),
        ("user", "role", "sales", "Vendas"),
        ("product", "active", False, "Não"),
        ("product", "sale_price", "1234.50", "1.234,50"),
        ("product", "min_stock", "12.500", "12,500"),
        ("lot", "expiry", "2027-05-13", "13/05/2027"),
        ("product", "gtin", "7894900011517", "7894900011517"),
        ("product", "name", None, ""),
    ],
)
def test_stored_values_read_as_the_screens_show_them(
    portuguese: None, record: str, key: str, value: object, shown: str
) -> None:
    import bodesk.domain.purchasing.states
    import bodesk.domain.stock.states  # noqa: F401

    assert audit_value_text(record, key, value) == shown
