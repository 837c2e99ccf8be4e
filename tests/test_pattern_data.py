"""Static checks of the event pattern lexicon (data/patterns/en/NN.tsv, one file per CAMEO root).

These tests read the files as text: they check the format, the codes, the pattern syntax and that each
example sentence contains its pattern's trigger word. Coding every example through the real coder is
a separate (slow) test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATTERN_DIR = ROOT / "src" / "eventwire" / "data" / "patterns" / "en"
SHARED_CODES = ROOT.parent / "shared" / "reference" / "cameo_eventcodes.tsv"
PACKAGE_CODES = ROOT / "src" / "eventwire" / "data" / "codes" / "cameo_eventcodes.tsv"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
ROLES = {"-", "recip", "swap"}
WORD = re.compile(r"[a-z0-9]+")
ALTERNATIVE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # "cease-fire": the three tokens of a parse
FUNCTION_WORDS = frozenset(
    "a an the to of on in at for from with by into onto over under up down out off as and or be is was "
    "were been its their his her it they that this not no about against upon through between after "
    "amid before".split()
)


@dataclass(frozen=True, slots=True)
class Row:
    file: str
    line: int
    code: str
    pattern: str
    roles: str
    example: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def read_rows(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t", 3)
        cells += [""] * (4 - len(cells))
        rows.append(Row(path.name, number, *cells))
    return rows


def all_rows() -> list[Row]:
    return [row for root in ROOTS if (PATTERN_DIR / f"{root}.tsv").exists()
            for row in read_rows(PATTERN_DIR / f"{root}.tsv")]


def cameo_codes() -> set[str] | None:
    """Codes of the CAMEO table: the shared reference if present, else the package's copy."""
    path = SHARED_CODES if SHARED_CODES.exists() else PACKAGE_CODES
    if not path.exists():
        return None
    lines = path.read_text(encoding="latin-1").splitlines()
    return {line.split("\t")[0].strip() for line in lines if line[:2].isdigit()}


def pattern_errors(pattern: str) -> list[str]:
    """Why a pattern string is malformed (empty list when it is well formed)."""
    items = pattern.split(" ")
    errors = [f"bad item {item!r}" for item in items if item != "*" and not is_alternatives(item)]
    if items[0] == "*" or items[-1] == "*":
        errors.append("'*' first or last")
    if any(a == b == "*" for a, b in zip(items, items[1:], strict=False)):
        errors.append("two '*' in a row")
    if all(item == "*" for item in items):
        errors.append("no word")
    return errors


def is_alternatives(item: str) -> bool:
    return bool(item) and all(ALTERNATIVE.fullmatch(alt) for alt in item.split("|"))


def trigger(pattern: str) -> list[str]:
    """Alternatives of the first content item (the first item that is not only function words)."""
    for item in pattern.split(" "):
        alts = item.split("|")
        if item != "*" and not all(alt in FUNCTION_WORDS for alt in alts):
            return alts
    return []


def mentions(example: str, alternatives: list[str]) -> bool:
    """Whether a word of the example starts with the first 4 letters of one alternative."""
    words = WORD.findall(example.lower())
    return any(word.startswith(alt[:4]) for alt in alternatives for word in words)


ROWS = all_rows()


def test_every_root_has_a_file():
    missing = [root for root in ROOTS if not (PATTERN_DIR / f"{root}.tsv").exists()]
    assert not missing, f"missing pattern files: {missing}"


@pytest.mark.parametrize("root", ROOTS)
def test_file_starts_with_format_header(root):
    lines = (PATTERN_DIR / f"{root}.tsv").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines[:20] if line.startswith("#")]
    assert lines[0].startswith("#") and any("Format" in line for line in header)


def test_rows_have_four_columns():
    bad = [row.where for row in ROWS if not (row.code and row.pattern and row.roles) or "\t" in row.example]
    assert not bad, f"rows without exactly 4 columns: {bad}"


def test_codes_match_file_root():
    bad = [row.where for row in ROWS if not row.code.isdigit() or row.code[:2] != row.file[:2]]
    assert not bad, f"code does not belong to the file's root: {bad}"


def test_codes_exist_in_cameo_table():
    codes = cameo_codes()
    if codes is None:
        pytest.skip("no CAMEO code table")
    bad = [f"{row.where} {row.code}" for row in ROWS if row.code not in codes]
    assert not bad, f"codes not in the CAMEO table: {bad}"


def test_every_cameo_code_has_a_pattern():
    codes = cameo_codes()
    if codes is None:
        pytest.skip("no CAMEO code table")
    missing = sorted(codes - {row.code for row in ROWS})
    assert not missing, f"CAMEO codes without a pattern: {missing}"


def test_pattern_syntax():
    bad = [f"{row.where} {row.pattern!r}: {pattern_errors(row.pattern)}" for row in ROWS
           if pattern_errors(row.pattern)]
    assert not bad, "\n".join(bad)


def test_roles_are_known():
    bad = [f"{row.where} {row.roles!r}" for row in ROWS if row.roles not in ROLES]
    assert not bad, f"roles must be one of {sorted(ROLES)}: {bad}"


def test_examples_contain_their_trigger():
    bad = [f"{row.where} {row.pattern!r} | {row.example}" for row in ROWS
           if not row.example.strip() or not mentions(row.example, trigger(row.pattern))]
    assert not bad, "examples without the trigger word:\n" + "\n".join(bad)


def test_no_duplicate_code_and_pattern():
    seen: dict[tuple[str, str], str] = {}
    dups = []
    for row in ROWS:
        key = (row.code, row.pattern)
        if key in seen:
            dups.append(f"{row.where} repeats {seen[key]}")
        seen.setdefault(key, row.where)
    assert not dups, dups


@pytest.mark.parametrize("pattern", ["* sign", "sign *", "Sign deal", "a||b", "a  b", "sign * * deal",
                                     "air-", "-strike", "air--strike", "*", "minute's"])
def test_syntax_check_rejects_malformed_patterns(pattern):
    assert pattern_errors(pattern)


@pytest.mark.parametrize("pattern", ["dial|dialled|dialed", "extend * invitation", "phone call|talks between",
                                     "agree * ceasefire|cease-fire"])
def test_syntax_check_accepts_wellformed_patterns(pattern):
    assert not pattern_errors(pattern)


def test_trigger_skips_function_words():
    assert trigger("on * visit to") == ["visit"]
    assert mentions("Putin extended a warm invitation to Modi.", trigger("extend * invitation"))
    assert not mentions("Modi met Putin.", trigger("dial|dialled"))
