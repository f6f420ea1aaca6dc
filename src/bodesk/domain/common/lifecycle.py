"""One lifecycle for every document (purchase orders, counts; sales orders, trips, invoices, bills and
payments next): states with translated labels, allowed transitions as data, `can` and `move`, and a
guard that makes a finished document immutable below the services.

A model declares what freezes it in a class attribute `__frozen__`:
- `Lifecycle`: a document with a status; once its stored status is a finished one (posted, received,
  cancelled) nothing of it may change but the columns it names as still mutable.
- `Posted`: a record final as soon as it is written (a stock move, a receipt, a stock operation).
- `LineOf`: a line of a document, frozen when its document is.

The guard runs at flush time on every session, so a service that forgets a check, or code that edits a
loaded object by mistake, is refused before anything reaches the database; the migrations add triggers
that refuse the same changes made by SQL (see bodesk.store.triggers).

Numbers. Each lifecycle names the state in which a document draws its gapless number: purchase orders
and counts draw theirs when drafted or opened (a draft is never deleted, only cancelled, so no number is
lost), invoices will draw theirs at posting (a cancelled draft invoice must not leave a hole in the
fiscal series). `begin` puts a new document in its first state and `move` changes it, both drawing the
number in that state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, NoReturn, Protocol, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session

from bodesk.domain.common.errors import UserError
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.tones import Tone
from bodesk.i18n import _

S = TypeVar("S", bound=StrEnum)


class StateError(UserError):
    """A document cannot go from its state to the one asked for."""

    code = "document.transition"


class FrozenDocument(UserError):
    """Something tried to change a finished document or a posted ledger row."""

    code = "document.frozen"


class Numbered(Protocol):
    number: Any
    status: Any


class FreezeRule(Protocol):
    def frozen_before(self, target: Any) -> bool:
        """Whether `target` was already final before the pending changes (its stored state)."""

    def mutable(self) -> frozenset[str]:
        """The attributes that may still change on a final record."""

    def describe(self, target: Any) -> str:
        """The record, as a person reads it in a refusal ("Purchase order 12")."""


def _stored(target: Any, attribute: str) -> Any:
    """The value of `attribute` as the database has it, before the pending changes."""
    history = inspect(target).attrs[attribute].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return getattr(target, attribute)


_LIFECYCLES: dict[str, Lifecycle[Any]] = {}


def lifecycle_of(kind: str) -> Lifecycle[Any] | None:
    """The lifecycle of a kind of document ("purchase_order"), once its module is loaded."""
    return _LIFECYCLES.get(kind)


@dataclass(frozen=True)
class Lifecycle(Generic[S]):
    """The states a kind of document goes through. Labels are marked with N_ and translated when shown."""

    kind: str  # the document kind, as ledger references and the audit log name it
    noun: str  # N_("Purchase order")
    states: type[S]
    labels: Mapping[S, str]
    transitions: Mapping[S, frozenset[S]]
    finished: frozenset[S]
    series: str  # the numbering series
    numbered_in: S  # the state in which the number is drawn
    editable: frozenset[S]  # the states in which the document's content (its lines) may change
    still_mutable: frozenset[str] = field(default=frozenset())
    tones: Mapping[S, Tone] = field(default_factory=dict)  # how a state catches the eye in lists

    def __post_init__(self) -> None:
        missing = set(self.states) - set(self.labels) or set(self.states) - set(self.transitions)
        if missing:
            raise ValueError(f"{self.kind}: states without a label or transitions: {sorted(missing)}")
        if any(self.transitions[state] for state in self.finished):
            raise ValueError(f"{self.kind}: a finished state has transitions")
        if self.editable & self.finished:
            raise ValueError(f"{self.kind}: a finished state is editable")
        _LIFECYCLES[self.kind] = self

    # --- reading ----------------------------------------------------------------------------------

    def state(self, value: str) -> S | None:
        try:
            return self.states(value)
        except ValueError:
            return None

    def label(self, value: str) -> str:
        """The translated name of a state ("partly_received" -> "Partly received")."""
        state = self.state(value)
        return _(self.labels[state]) if state is not None else value

    def tone(self, value: str) -> Tone | None:
        """How a document in this state stands out in a list (None: as plain text)."""
        state = self.state(value)
        return self.tones.get(state) if state is not None else None

    def in_sentence(self, value: str) -> str:
        """The state as a word inside a sentence ("is sent", "está enviado")."""
        return self.label(value).lower()

    def can(self, current: str, target: S) -> bool:
        state = self.state(current)
        return state is not None and target in self.transitions[state]

    def can_edit(self, value: str) -> bool:
        """Whether the document's content (lines, partner, dates) may still change in this state."""
        state = self.state(value)
        return state is not None and state in self.editable

    def is_finished(self, value: str) -> bool:
        state = self.state(value)
        return state is not None and state in self.finished

    def open_states(self) -> tuple[S, ...]:
        return tuple(state for state in self.states if state not in self.finished)

    # --- changing ---------------------------------------------------------------------------------

    def begin(self, session: Session, document: Numbered, first: S) -> None:
        """Put a new document in its first state, drawing its number if it is numbered there."""
        document.status = first.value
        if first == self.numbered_in and document.number is None:
            document.number = next_number(session, self.series)

    def move(self, document: Numbered, target: S, session: Session | None = None) -> None:
        """Set the document's state to `target`, or refuse naming both states.

        Pending changes of the document's session are flushed first, so that the lines a service changed
        on the way are written while the document is still open: moving is the last change a service
        makes to a document.
        """
        if not self.can(document.status, target):
            raise StateError(
                _("{document} is {current}: it cannot become {target}.").format(
                    document=self.describe(document),
                    current=self.in_sentence(document.status),
                    target=self.in_sentence(target),
                )
            )
        session = session or object_session(document)
        if session is not None:
            session.flush()
        if target == self.numbered_in and document.number is None and session is not None:
            document.number = next_number(session, self.series)  # drawn while the document is still open
        document.status = target.value

    def move_all(self, documents: Sequence[Numbered], target: S, session: Session) -> None:
        """`move` for the documents of one action (a trip's close delivering its orders): each is checked
        first (a refusal names the first that cannot move), the session is flushed once, then each moves."""
        for document in documents:
            if not self.can(document.status, target):
                self.move(document, target, session)  # refuses, naming both states
        session.flush()
        for document in documents:
            if target == self.numbered_in and document.number is None:
                document.number = next_number(session, self.series)
            document.status = target.value

    def refuse(self, document: Numbered, doing: str) -> NoReturn:
        """Refuse what `doing` (a translated phrase) says, naming the document's state."""
        raise StateError(
            _("{document} is {current}: {doing}").format(
                document=self.describe(document), current=self.in_sentence(document.status), doing=doing
            ),
            code="document.state",
        )

    def refuse_unless(self, document: Numbered, *states: S, doing: str) -> None:
        """Refuse `doing` unless the document is in one of `states`."""
        if self.state(document.status) not in states:
            self.refuse(document, doing)

    # --- the freeze rule --------------------------------------------------------------------------

    def frozen_before(self, target: Any) -> bool:
        return self.is_finished(_stored(target, "status"))

    def mutable(self) -> frozenset[str]:
        return self.still_mutable

    def describe(self, target: Any) -> str:
        number = getattr(target, "number", None)
        noun = _(self.noun)
        return f"{noun} {number}" if number is not None else noun


@dataclass(frozen=True)
class Posted:
    """A record that is final once written: it is corrected by a reversal, never edited or deleted."""

    noun: str  # N_
    still_mutable: frozenset[str] = field(default=frozenset())

    def frozen_before(self, target: Any) -> bool:
        return True

    def mutable(self) -> frozenset[str]:
        return self.still_mutable

    def describe(self, target: Any) -> str:
        number = getattr(target, "number", None)
        noun = _(self.noun)
        return f"{noun} {number}" if number is not None else noun


@dataclass(frozen=True)
class LineOf:
    """A line of a document: frozen, and no line added or removed, once its document is final."""

    document: type  # the mapped class of the document, which has its own `__frozen__`
    key: str  # the attribute holding the document's id

    def frozen_before(self, target: Any) -> bool:
        parent = self._parent(target)
        return parent is not None and parent.__frozen__.frozen_before(parent)

    def mutable(self) -> frozenset[str]:
        return frozenset()

    def describe(self, target: Any) -> str:
        parent = self._parent(target)
        return parent.__frozen__.describe(parent) if parent is not None else ""

    def _parent(self, target: Any) -> Any:
        session = object_session(target)
        document_id = _stored(target, self.key) if inspect(target).persistent else getattr(target, self.key)
        if session is None or document_id is None:
            return None
        with session.no_autoflush:
            return session.get(self.document, document_id)


def _changed(target: Any) -> set[str]:
    state = inspect(target)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


def _refuse(rule: FreezeRule, target: Any) -> None:
    raise FrozenDocument(
        _("{document} is final: it can no longer change. Correct it with a new document.").format(
            document=rule.describe(target) or _("This record")
        )
    )


@event.listens_for(Session, "before_flush")
def _guard_frozen(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse, before anything is written, any change to a final document, its lines or a posted row."""
    for target in session.dirty:
        rule: FreezeRule | None = getattr(target, "__frozen__", None)
        if rule is None or not session.is_modified(target, include_collections=False):
            continue
        if _changed(target) - rule.mutable() and rule.frozen_before(target):
            _refuse(rule, target)
    for target in session.deleted:
        rule = getattr(target, "__frozen__", None)
        if rule is not None and (isinstance(rule, Posted) or rule.frozen_before(target)):
            _refuse(rule, target)
    for target in session.new:
        rule = getattr(target, "__frozen__", None)
        if isinstance(rule, LineOf) and rule.frozen_before(target):
            _refuse(rule, target)
