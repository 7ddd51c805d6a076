"""Shipped weights read the one way: every model file loads, a missing one is named."""

from __future__ import annotations

from importlib import resources

import pytest

from reportedly.weights import feature_index, read_weights, require_weights

SHIPPED = sorted(
    f"data/{folder.name}/{item.name}"
    for folder in resources.files("reportedly").joinpath("data").iterdir()
    if folder.is_dir()
    for item in folder.iterdir()
    if item.name.endswith(".npz")
)


def test_weights_every_model_is_shipped() -> None:
    assert len(SHIPPED) >= 6, SHIPPED  # typer, factuality, cue filter, content end, mentions, coref


@pytest.mark.parametrize("name", SHIPPED)
def test_weights_shipped_files_load_with_a_vocabulary_or_weights(name: str) -> None:
    arrays = require_weights(name)
    assert arrays, name
    if "vocab" in arrays:
        index = feature_index(arrays["vocab"])
        assert sorted(index.values()) == list(range(len(index)))


def test_weights_missing_file() -> None:
    assert read_weights("data/events/nothing.npz") is None
    with pytest.raises(FileNotFoundError, match="data/events/nothing.npz"):
        require_weights("data/events/nothing.npz")
