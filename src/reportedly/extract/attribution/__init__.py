"""The attribution extractor: who said what, with cue, content, relay chain and stance.

`extractor.py` is the entry point (`extract_attributions`); the modules beside it are its steps.
"""

from reportedly.extract.attribution.extractor import extract_attributions

__all__ = ["extract_attributions"]
