"""The event extractor: PLOVER events with their parties, place, date, status and sources.

`extractor.py` is the entry point (`extract_events`); the modules beside it are its steps.
"""

from reportedly.extract.events.extractor import EXTRACTOR, NOUN_TRIGGERS, extract_events, to_plover

__all__ = ["extract_events", "EXTRACTOR", "NOUN_TRIGGERS", "to_plover"]
