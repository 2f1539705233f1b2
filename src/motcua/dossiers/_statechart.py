"""The lifecycle of a dossier (hồ sơ) as a statechart: the executable specification.

:class:`DossierChart` is a python-statemachine ``StateChart`` of the lifecycle (the
national statuses 1–10). :class:`motcua.dossiers.DossierAction` applies it through
:data:`TRANSITIONS`, a table read from the chart class once, so that firing an event on a
stored dossier needs no machine instance (and replaying one can fire nothing); a test
replays random event sequences on a live chart to prove the table and the chart agree.
"""

from __future__ import annotations

from statemachine import State, StateChart
from statemachine.contrib.diagram import formatter

__all__ = ["TRANSITIONS", "DossierChart", "mermaid"]


class DossierChart(StateChart):  # type: ignore[type-arg]  # no model type: a specification
    """States and events of a dossier, from online submission to the returned result.

    Overdue is not a state: it is a condition of an open dossier whose legal due time
    has passed, recorded on the dossier as a flag (:attr:`motcua.Dossier.overdue`) by the
    ``mark_overdue`` event, which changes no status.

    References:
        * Nghị định 118/2025/NĐ-CP (one-stop handling; reception, refusal, supplement).
        * Thông tư 01/2018/TT-VPCP and the national status codes used when syncing to the
          National Public Service Portal (TrangThaiHoSo 1–10).
    """

    allow_event_without_transition = False

    submitted = State(initial=True)
    received = State()
    processing = State()
    awaiting_supplement = State()
    awaiting_payment = State()
    result_ready = State()
    returned = State(final=True)
    refused_at_reception = State(final=True)
    refused = State(final=True)
    withdrawn = State(final=True)
    stopped = State(final=True)

    accept = submitted.to(received)
    start_processing = received.to(processing)
    hand_over = processing.to.itself(internal=True)  # type: ignore[no-untyped-call]
    request_supplement = received.to(awaiting_supplement) | processing.to(awaiting_supplement)
    supplement_received = awaiting_supplement.to(processing)
    request_payment = processing.to(awaiting_payment)
    payment_received = awaiting_payment.to(processing)
    extend = received.to.itself(internal=True) | processing.to.itself(  # type: ignore[no-untyped-call]
        internal=True
    )
    mark_result_ready = processing.to(result_ready)
    return_result = result_ready.to(returned)
    refuse = submitted.to(refused_at_reception) | received.to(refused) | processing.to(refused)
    withdraw = (
        submitted.to(withdrawn)
        | received.to(withdrawn)
        | processing.to(withdrawn)
        | awaiting_supplement.to(withdrawn)
        | awaiting_payment.to(withdrawn)
    )
    stop = (
        received.to(stopped)
        | processing.to(stopped)
        | awaiting_supplement.to(stopped)
        | awaiting_payment.to(stopped)
    )


def _read_transitions() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for state in DossierChart.states_map.values():
        for transition in state.transitions:
            if transition.target is None:
                continue
            for event in transition.events:
                table[(transition.source.id, str(event.id))] = transition.target.id
    return table


TRANSITIONS: dict[tuple[str, str], str] = _read_transitions()
"""``(state id, event) → target state id``, read from :class:`DossierChart`."""


def mermaid() -> str:
    """The lifecycle statechart as a Mermaid ``stateDiagram-v2``, as ``docs/dossiers.md`` shows it.

    >>> from motcua.dossiers import mermaid
    >>> mermaid().splitlines()[0]
    'stateDiagram-v2'
    """
    text: str = formatter.render(DossierChart, "mermaid")
    return text
