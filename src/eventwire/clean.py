"""Remove page furniture (share buttons, tickers, appeals, counters, image credits, bylines) from text.

The rules are data: data/clean/<lang>/furniture.txt (its header states the format). Cleaning works
line by line and keeps paragraph breaks ("\\n\\n"). Bylines and date lines are furniture for the
text, but they date the article: run `pubdate.find_published` on the raw text, never on this output.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from eventwire import pubdate
from eventwire.errors import ResourceError
from eventwire.settings import Settings

KINDS = ("line", "strip", "credit", "cut", "ticker", "outlet")
MIN_TICKER_SEGMENTS = 3  # a ticker joins at least this many headlines
TICKER_WORDS = (2, 30)  # words of one headline in a ticker
MAX_CAPTION_WORDS = 5  # a caption above an image credit is a short name or label
MIN_BODY_WORDS = 12  # a line this long ending like a sentence is article text
OUTLET_LINES = 15  # the outlet is named in one of the first lines (after the page furniture)

_BLANK_RUN = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


@dataclass(frozen=True, slots=True)
class Rules:
    """The furniture rules of one language, by kind (see data/clean/en/furniture.txt)."""

    line: tuple[re.Pattern[str], ...] = ()
    strip: tuple[re.Pattern[str], ...] = ()
    credit: tuple[re.Pattern[str], ...] = ()
    cut: tuple[re.Pattern[str], ...] = ()
    ticker: tuple[re.Pattern[str], ...] = ()
    outlet: tuple[re.Pattern[str], ...] = ()


def clean_text(text: str, title: str = "", *, settings: Settings | None = None) -> str:
    """The article text without page furniture; lines that only repeat `title` go too."""
    settings = settings or Settings()
    rules = load_rules(settings.lang_dir("clean"))
    date_dir = settings.lang_dir("pubdate")
    lines = _cut_appeal(_normalise(text).split("\n"), rules)
    kept: list[str] = []
    for line in lines:
        _keep_line(line, rules, kept, date_dir)
    return drop_title_lines(_join(kept), title)


def drop_title_lines(text: str, title: str) -> str:
    """`text` without the lines that only repeat the title (many pages print it twice)."""
    key = _key(title)
    if not key:
        return text
    return _join([line for line in text.split("\n") if _key(line) != key])


def find_outlet(text: str, *, settings: Settings | None = None) -> str:
    """The outlet the page names at the start of the article ("(MENAFN) ...", "| @indiablooms |")."""
    rules = load_rules((settings or Settings()).lang_dir("clean"))
    lines = [line.strip() for line in text.splitlines() if line.strip()][:OUTLET_LINES]
    for line in lines:
        for pattern in rules.outlet:
            m = pattern.search(line)
            if m:
                return m.group("outlet")
    return ""


def is_furniture(line: str, rules: Rules, date_dir: Path = pubdate.DEFAULT_DIR) -> bool:
    """True when a whole line is furniture: a line, credit or ticker rule, a byline or a date line."""
    line = line.strip()
    if any(p.fullmatch(line) for p in rules.line) or is_credit(line, rules):
        return True
    return is_ticker(line, rules) or pubdate.is_date_line(line, data_dir=date_dir)


def is_credit(line: str, rules: Rules) -> bool:
    return any(p.fullmatch(line.strip()) for p in rules.credit)


def is_ticker(line: str, rules: Rules) -> bool:
    """A line of several headline-like segments joined by a ticker separator."""
    for separator in rules.ticker:
        segments = separator.split(line.strip())
        if len(segments) >= MIN_TICKER_SEGMENTS and all(_headline_like(s) for s in segments):
            return True
    return False


# ---------------------------------------------------------------- steps


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _cut_appeal(lines: list[str], rules: Rules) -> list[str]:
    """Drop an appeal or comment block and all after it, once article text stands above it."""
    seen_body = False
    for i, line in enumerate(lines):
        if seen_body and any(p.fullmatch(line) for p in rules.cut):
            return lines[:i]
        seen_body = seen_body or _body_like(line)
    return lines


def _keep_line(line: str, rules: Rules, kept: list[str], date_dir: Path) -> None:
    """Append `line` to `kept` unless it is furniture; a credit also takes its caption above."""
    if not line:
        kept.append(line)
        return
    if is_credit(line, rules):
        if kept and _caption_like(kept[-1]):
            kept.pop()
        return
    stripped = _strip_spans(line, rules)
    if stripped and not is_furniture(stripped, rules, date_dir):
        kept.append(stripped)


def _strip_spans(line: str, rules: Rules) -> str:
    for pattern in rules.strip:
        line = pattern.sub("", line)
    return line.strip()


def _join(lines: list[str]) -> str:
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------- line shapes


def _body_like(line: str) -> bool:
    return len(line.split()) >= MIN_BODY_WORDS and bool(_SENTENCE_END.search(line))


def _headline_like(segment: str) -> bool:
    low, high = TICKER_WORDS
    return low <= len(segment.split()) <= high and not segment.rstrip().endswith(".")


def _caption_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_CAPTION_WORDS and all(w[0].isupper() or not w[0].isalpha() for w in words) \
        and not _SENTENCE_END.search(line)


def _key(line: str) -> str:
    return "".join(ch for ch in line.casefold() if ch.isalnum())


# ---------------------------------------------------------------- data loading


@functools.cache
def load_rules(folder: Path) -> Rules:
    """The rules of every `*.txt` file in `folder`, kind by kind."""
    found: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in KINDS}
    for path in sorted(folder.glob("*.txt")):
        for kind, pattern in _read_rules(path):
            found[kind].append(pattern)
    return Rules(**{kind: tuple(patterns) for kind, patterns in found.items()})


def _read_rules(path: Path) -> list[tuple[str, re.Pattern[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc.strerror}") from exc
    return [_rule(path, number, line) for number, line in enumerate(lines, 1)
            if line.strip() and not line.startswith("#")]


def _rule(path: Path, number: int, line: str) -> tuple[str, re.Pattern[str]]:
    kind, _, source = line.partition("\t")
    if kind not in KINDS or not source.strip():
        raise ResourceError(f"{path}:{number}: expected KIND<TAB>REGEX with KIND in {KINDS}: {line!r}")
    try:
        pattern = re.compile(source.strip(), re.IGNORECASE)
    except re.error as exc:
        raise ResourceError(f"{path}:{number}: bad regex: {exc}") from exc
    if kind == "outlet" and "outlet" not in pattern.groupindex:
        raise ResourceError(f"{path}:{number}: an outlet rule needs a group named `outlet`")
    return kind, pattern
