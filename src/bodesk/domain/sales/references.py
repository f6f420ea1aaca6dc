"""What customers refer to: segments, payment terms and sales reps."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import User
from bodesk.domain.common.errors import ValidationError, Validator
from bodesk.domain.sales.models import PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.permissions import CUSTOMERS_EDIT, SALES_SETTINGS
from bodesk.i18n import _
from bodesk.store.engine import Database

DAYS = re.compile(r"^\d{1,3}(/\d{1,3})*$")
MAX_INSTALLMENTS = 12


def installment_days(days: str) -> list[int]:
    """ "28/35/42" -> [28, 35, 42]; "0" -> [0] (cash)."""
    return [int(part) for part in days.split("/")]


def _name(value: str, limit: int, what: str) -> str:
    name = " ".join(value.split())
    if not name or len(name) > limit:
        raise ValidationError.single(
            "name", _("Enter the {what}'s name, up to {n} characters.").format(what=what, n=limit)
        )
    return name


def add_segment(db: Database, actor: Actor, name: str) -> int:
    clean = _name(name, 60, _("segment"))
    with db.write() as session:
        require(session, actor, SALES_SETTINGS)
        if session.execute(select(Segment.id).where(Segment.name == clean)).first() is not None:
            raise ValidationError.single("name", _("There is a segment {name} already.").format(name=clean))
        segment = Segment(name=clean)
        session.add(segment)
        session.flush()
        audit.record(session, actor, "segment.add", "segment", clean)
        return segment.id


def add_payment_term(db: Database, actor: Actor, name: str, days: str) -> int:
    """A payment term: "0" cash, "28" one installment in 28 days, "28/35/42" three."""
    check = Validator()
    clean = " ".join(name.split())
    check.check(0 < len(clean) <= 60, "name", _("Enter the payment term's name, up to 60 characters."))
    spec = days.replace(" ", "")
    ok = bool(DAYS.match(spec))
    check.check(
        ok
        and len(installment_days(spec)) <= MAX_INSTALLMENTS
        and installment_days(spec) == sorted(installment_days(spec)),
        "days",
        _("Write the days of each installment in order, up to {n}: 0 (cash), 28, or 28/35/42.").format(
            n=MAX_INSTALLMENTS
        ),
    )
    check.raise_if_any()
    with db.write() as session:
        require(session, actor, SALES_SETTINGS)
        if session.execute(select(PaymentTerm.id).where(PaymentTerm.name == clean)).first() is not None:
            raise ValidationError.single(
                "name", _("There is a payment term {name} already.").format(name=clean)
            )
        term = PaymentTerm(name=clean, days=spec, active=True)
        session.add(term)
        session.flush()
        audit.record(session, actor, "payment_term.add", "payment_term", clean, new={"days": spec})
        return term.id


def add_rep(db: Database, actor: Actor, name: str, login: str | None = None) -> int:
    """A sales rep, linked to a user's login when the rep works in bodesk."""
    clean = _name(name, 100, _("sales rep"))
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        user_id = _user(session, login)
        rep = SalesRep(name=clean, user_id=user_id, active=True)
        session.add(rep)
        session.flush()
        audit.record(session, actor, "sales_rep.add", "sales_rep", clean, new={"login": login})
        return rep.id


def _user(session: Session, login: str | None) -> int | None:
    if not login:
        return None
    user_id = session.execute(select(User.id).where(User.login == login.strip().lower())).scalar_one_or_none()
    if user_id is None:
        raise ValidationError.single("login", _("There is no user {login}.").format(login=login))
    if session.execute(select(SalesRep.id).where(SalesRep.user_id == user_id)).first() is not None:
        raise ValidationError.single(
            "login", _("The user {login} is a sales rep already.").format(login=login)
        )
    return user_id
