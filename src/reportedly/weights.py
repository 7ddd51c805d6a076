"""Learned weights shipped in the package (`reportedly/data/**.npz`), read the one way.

Each model's loader (events typing, factuality, attribution cue filter and content ends, event
mentions, event coreference) turns these arrays into its own typed record, once per process.
"""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import numpy as np


def read_weights(name: str) -> dict[str, np.ndarray] | None:
    """Every array of a weights file under the package, or None when it is not installed.

    Args:
        name: the file's path inside the package ("data/events/typer.npz").
    """
    path = resources.files("reportedly").joinpath(name)
    if not path.is_file():
        return None
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def require_weights(name: str) -> dict[str, np.ndarray]:
    """`read_weights` for a model the analysis cannot run without.

    Raises:
        FileNotFoundError: the package lacks the file (a broken install).
    """
    arrays = read_weights(name)
    if arrays is None:
        raise FileNotFoundError(f"reportedly/{name}: weights missing from the installed package")
    return arrays


def from_json(value: np.ndarray) -> Any:
    """A JSON document stored as a 0-d string array (vocabularies, labels, tables)."""
    return json.loads(str(value))


def feature_index(value: np.ndarray) -> dict[str, int]:
    """Feature name -> row of the weights, from a stored JSON vocabulary."""
    return {name: i for i, name in enumerate(from_json(value))}
