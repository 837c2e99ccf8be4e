"""Reading eventwire's data files: `#` comment lines, blank lines, TAB-separated fields."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import ResourceError


def data_lines(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, line, stripped fields) of every line that is not blank or a `#` comment.
    An unreadable file raises ResourceError naming it; callers check the fields."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    for lineno, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield lineno, line, [f.strip() for f in line.split("\t")]


def read_tsv(path: Path, ncols: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a data file with 2 to `ncols` columns, padded to `ncols`."""
    for lineno, _, row in data_lines(path):
        if len(row) > ncols or len(row) < 2:
            raise ResourceError(f"{path}:{lineno}: expected {ncols} tab-separated columns, got {len(row)}")
        yield lineno, row + [""] * (ncols - len(row))


def word_set(path: Path) -> frozenset[str]:
    """The first field of every line: a one-word-per-line lexicon (a second TAB field is a note)."""
    return frozenset(row[0] for _, _, row in data_lines(path))
