"""The ledger's filter values, checked the same way for the Python API and the CLI: an unknown status,
event type, date or actor is an error naming the valid values, never an empty answer."""

from __future__ import annotations

import datetime
import difflib

from reportedly.errors import InvalidArgument
from reportedly.model import Status

# The PLOVER event types the contract names (../shared/CONTRACT.md).
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = tuple(s.value for s in Status)
# Close names suggested for an unknown actor.
ACTOR_SUGGESTIONS = 3


def check_filters(*, type: str | None, status: str | None, since: str | None) -> None:  # noqa: A002
    """Raise InvalidArgument for an unknown event type or status, or a date not like 2022-02-01."""
    if type is not None and type.upper() not in EVENT_TYPES:
        raise InvalidArgument("type", f"unknown event type '{type}'; one of: {', '.join(EVENT_TYPES)}")
    if status is not None and status.lower() not in STATUSES:
        raise InvalidArgument("status", f"unknown status '{status}'; one of: {', '.join(STATUSES)}")
    if since is not None:
        check_date("since", since)


def check_date(param: str, value: str) -> str:
    """The value when it is a YYYY-MM-DD date; InvalidArgument otherwise."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidArgument(param, f"'{value}' is not a date like 2022-02-01 (YYYY-MM-DD)") from None
    if len(value) != len("2022-02-01"):
        raise InvalidArgument(param, f"'{value}' is not a date like 2022-02-01 (YYYY-MM-DD)")
    return value


def unknown_actor(actor: str, names: list[str]) -> InvalidArgument:
    """The error for an actor no ledger entity is named (or aliased) as, with the closest names."""
    close = difflib.get_close_matches(actor, names, n=ACTOR_SUGGESTIONS, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(n) for n in close)}?" if close else ""
    return InvalidArgument(
        "actor", f"no entity named '{actor}' in the ledger{hint} (`reportedly entities --name` lists them)"
    )
