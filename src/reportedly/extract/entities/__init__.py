"""The entity extractor: named mentions found, clustered, linked to the gazetteer, given roles.

`extractor.py` is the entry point (`extract_entities`); the modules beside it are its steps.
"""

from reportedly.extract.entities.extractor import extract_entities

__all__ = ["extract_entities"]
