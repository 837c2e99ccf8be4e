"""The CAMEO code tables: names, Goldstein values, QuadClass, and the PLOVER crosswalk."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ResourceError
from .settings import Settings


@dataclass(frozen=True, slots=True)
class Plover:
    event: str
    mode: str = ""
    context: str = ""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: Plover


def _rows(path: Path, header: bool = True) -> list[list[str]]:
    """Rows of a `#`-headed TSV, without its column-name row when `header`."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines[1:] if header else lines, delimiter="\t"))


def _quad_classes(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for first, last, quad in _rows(path, header=False):
        for root in range(int(first), int(last) + 1):
            out[f"{root:02d}"] = int(quad)
    return out


def parse_crosswalk_line(line: str) -> tuple[str, Plover] | None:
    """`041: CONSULT, phone,   # Discuss by telephone` -> ("041", Plover("CONSULT", "phone", ""))."""
    body = line.split("#", 1)[0].strip()
    if ":" not in body:
        return None
    code, rest = (part.strip() for part in body.split(":", 1))
    if not code.isdigit():
        return None
    fields = [f.strip() for f in rest.split(",")] + ["", "", ""]
    return code, Plover(fields[0], fields[1], fields[2])


def _crosswalk(*paths: Path) -> dict[str, Plover]:
    out: dict[str, Plover] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parsed = parse_crosswalk_line(line) if not line.startswith("#") else None
            if parsed and parsed[0] not in out:
                out[parsed[0]] = parsed[1]
    return out


class CodeTable:
    """Lookups over the CAMEO tables shipped in data/codes/."""

    def __init__(self, settings: Settings) -> None:
        folder = settings.data_dir / "codes"
        self.names = {c: n for c, n in _rows(folder / "cameo_eventcodes.tsv")}
        self.goldstein = {c: float(g) for c, g in _rows(folder / "cameo_goldstein.tsv")}
        self.quad = _quad_classes(folder / "quadclass.tsv")
        self.plover = _crosswalk(folder / "cameo2plover.txt", folder / "plover_extra.txt")
        if "041" not in self.names or "041" not in self.goldstein:
            raise ResourceError(f"{folder}: CAMEO code tables are incomplete")

    def __contains__(self, code: str) -> bool:
        return code in self.names

    def info(self, code: str) -> CodeInfo:
        return CodeInfo(code, self.names.get(code, ""), self.goldstein_of(code),
                        self.quad.get(code[:2], 0), self.plover_of(code))

    def goldstein_of(self, code: str) -> float:
        for k in range(len(code), 1, -1):
            if code[:k] in self.goldstein:
                return self.goldstein[code[:k]]
        return 0.0

    def plover_of(self, code: str) -> Plover:
        for k in range(len(code), 1, -1):
            if code[:k] in self.plover:
                return self.plover[code[:k]]
        return Plover("")


@lru_cache(maxsize=4)
def code_table(settings: Settings) -> CodeTable:
    return CodeTable(settings)
