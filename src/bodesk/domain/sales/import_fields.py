"""The columns of a customers spreadsheet: what `bodesk import customers` reads and what
`bodesk export customers` writes, in the same order and under the same names, so that an export
imports back unchanged.

A field's key is the name the customer rules give its problem (`customers.clean_customer`), so a
refused value is reported under its column. References (segment, sales rep, price table, payment
term) are named as they are named in bodesk; contacts are one cell, a contact a line of
"name | role | phone | e-mail".
"""

from __future__ import annotations

from decimal import Decimal

from bodesk.domain.common.importing import ImportField
from bodesk.domain.common.money import MONEY_PLACES, NumberRule
from bodesk.domain.common.parsing import NumberParser, clean_text, parse_bool
from bodesk.domain.common.taxid import validate_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.sales.customers import MAX_CREDIT, ContactData
from bodesk.domain.sales.states import CreditPolicy
from bodesk.i18n import N_, _

CREDIT_RULE = NumberRule(MONEY_PLACES, MAX_CREDIT)
"""A credit limit: cents, at most a billion."""
CONTACT_PARTS = 4
POLICIES = {
    "warn": CreditPolicy.WARN,
    "avisar": CreditPolicy.WARN,
    "aviso": CreditPolicy.WARN,
    "block": CreditPolicy.BLOCK,
    "bloquear": CreditPolicy.BLOCK,
    "bloqueio": CreditPolicy.BLOCK,
}


def parse_policy(text: str) -> str:
    """What happens over the credit limit: warn (avisar) or block (bloquear)."""
    policy = POLICIES.get(fold(clean_text(text)))
    if policy is None:
        raise ValueError(_("Write warn or block (avisar or bloquear)."))
    return policy.value


def parse_contacts(text: str) -> tuple[ContactData, ...]:
    """One contact a line: "name | role | phone | e-mail" (the parts after the name may be left out)."""
    contacts = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not any(parts):
            continue
        if len(parts) > CONTACT_PARTS:
            raise ValueError(
                _("Write each contact on a line as name | role | phone | e-mail ({n} parts at most).").format(
                    n=CONTACT_PARTS
                )
            )
        contacts.append(ContactData(*parts))
    return tuple(contacts)


def contacts_text(contacts: tuple[ContactData, ...]) -> str:
    """The contacts as `parse_contacts` reads them back."""
    lines = []
    for contact in contacts:
        parts = [contact.name, contact.role, contact.phone, contact.email]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def keep_lines(text: str) -> str:
    """A note as written, its line breaks kept (a cell's text is otherwise read as one line)."""
    return text.replace("\r\n", "\n").strip()


def _text(key: str, label: str, *synonyms: str) -> ImportField:
    return ImportField(key, label, synonyms=synonyms, default="")


def _note(key: str, label: str, *synonyms: str) -> ImportField:
    return ImportField(key, label, parse=keep_lines, synonyms=synonyms, default="")


ADDRESS_PARTS = (
    ("street", N_("Street"), N_("Delivery street"), ("endereço", "endereco", "logradouro", "rua")),
    ("number", N_("Number"), N_("Delivery number"), ("número", "numero", "nº")),
    ("complement", N_("Complement"), N_("Delivery complement"), ("complemento",)),
    ("district", N_("District"), N_("Delivery district"), ("bairro",)),
    ("city", N_("City"), N_("Delivery city"), ("cidade", "município", "municipio")),
    ("state", N_("State"), N_("Delivery state"), ("uf", "estado")),
    ("postal_code", N_("CEP"), N_("Delivery CEP"), ("cep", "postal code")),
)

CUSTOMER_FIELDS: tuple[ImportField, ...] = (
    _text("code", N_("Customer code"), "código", "codigo", "cód", "cod", "code"),
    ImportField(
        "name",
        N_("Legal name"),
        required=True,
        synonyms=("razão social", "razao social", "nome", "cliente", "customer", "name"),
    ),
    ImportField(
        "tax_id",
        N_("CNPJ/CPF"),
        required=True,
        parse=validate_tax_id,
        synonyms=("cnpj", "cpf", "cnpj/cpf", "cpf/cnpj", "cnpj / cpf", "tax id", "documento"),
    ),
    _text("trade_name", N_("Trade name"), "nome fantasia", "fantasia", "trade name"),
    _text("state_registration", N_("State registration (IE)"), "ie", "inscrição estadual", "insc. estadual"),
    _text("segment", N_("Segment"), "segmento", "ramo"),
    _text("rep", N_("Sales rep"), "vendedor", "representante", "rep"),
    _text("price_table", N_("Price table"), "tabela de preço", "tabela de preços", "tabela"),
    _text("payment_term", N_("Payment term"), "condição de pagamento", "prazo de pagamento", "prazo"),
    *(_text(key, label, *synonyms) for key, label, _delivery, synonyms in ADDRESS_PARTS),
    *(
        _text(f"delivery_{key}", delivery, *(f"{word} de entrega" for word in synonyms))
        for key, _label, delivery, synonyms in ADDRESS_PARTS
    ),
    _note("delivery_note", N_("Delivery note"), "observação de entrega", "obs. entrega", "obs entrega"),
    _text("delivery_weekdays", N_("Delivery days (1 Monday … 7 Sunday)"), "dias de entrega", "delivery days"),
    _text("phone", N_("Phone"), "telefone", "fone"),
    _text("whatsapp", N_("WhatsApp"), "whatsapp", "celular", "zap"),
    _text("email", N_("E-mail"), "e-mail", "email"),
    ImportField(
        "credit_limit",
        N_("Credit limit"),
        parse=NumberParser(CREDIT_RULE, minimum=Decimal(0)),
        synonyms=("limite de crédito", "limite de credito", "limite", "credit limit"),
    ),
    ImportField(
        "credit_policy",
        N_("Over the credit limit (warn or block)"),
        parse=parse_policy,
        synonyms=("política de crédito", "credit policy"),
        default=CreditPolicy.WARN.value,
    ),
    ImportField("blocked", N_("Blocked"), parse=parse_bool, synonyms=("bloqueado",), default=False),
    _note("block_reason", N_("Why blocked"), "motivo do bloqueio", "block reason"),
    ImportField(
        "archived", N_("Archived"), parse=parse_bool, synonyms=("arquivado", "inativo"), default=False
    ),
    _note("notes", N_("Notes"), "observações", "observacoes", "obs"),
    ImportField(
        "contacts",
        N_("Contacts (name | role | phone | e-mail, one a line)"),
        parse=parse_contacts,
        synonyms=("contatos", "contacts"),
        default=(),
    ),
)


def customer_import_fields() -> tuple[ImportField, ...]:
    return CUSTOMER_FIELDS
