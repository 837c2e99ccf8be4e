"""The event pattern lexicon: data/patterns/<lang>/NN.tsv, one file per CAMEO root.

A pattern is a sequence of items matched left to right against the tokens of one sentence: a word
(matching a token's lemma or lowercased text; one written with a hyphen, "cease-fire", matches the three
tokens of a parse), `a|b|c` alternatives for one token, or `*`, a gap of 0 to 4 tokens (a hyphenated word
such as "eight-day" counting as one, an article as none). The first item that is not a function word is the trigger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .datafiles import read_tsv
from .errors import ResourceError
from .records import Token
from .settings import Settings

GAP = None
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "(", ")", "[", "]", "«", "»"})
MAX_GAP = 4
ARTICLES = frozenset({"a", "an", "the"})  # free in a gap
ROLES = {"-", "recip", "swap"}
FUNCTION_WORDS = frozenset(
    "a an the to of in on at with for from by as into onto over under up down out off about against "
    "and or but its his her their this that these those be is are was were been".split()
)


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str  # file:line
    code: str
    items: tuple[frozenset[str] | None, ...]
    roles: str
    example: str
    trigger: int  # index of the trigger item

    @property
    def size(self) -> int:
        return sum(1 for i in self.items if i is not GAP)


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    tokens: tuple[int, ...]  # matched token indices, one per non-gap item

    @property
    def trigger(self) -> int:
        return self.tokens[sum(1 for i in self.pattern.items[: self.pattern.trigger] if i is not GAP)]

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0], self.tokens[-1]


def parse_pattern(text: str, where: str) -> tuple[tuple[frozenset[str] | None, ...], int]:
    items: list[frozenset[str] | None] = []
    for raw in text.split():
        if raw == "*":
            items.append(GAP)
        else:
            alts = frozenset(a for a in raw.lower().split("|") if a)
            if not alts:
                raise ResourceError(f"{where}: empty item in pattern {text!r}")
            items.append(alts)
    if not items or items[0] is GAP or items[-1] is GAP:
        raise ResourceError(f"{where}: a pattern cannot be empty or start or end with '*': {text!r}")
    trigger = next((k for k, it in enumerate(items) if it and not it <= FUNCTION_WORDS), 0)
    return tuple(items), trigger


Items = tuple[frozenset[str] | None, ...]


def hyphen_variants(items: Items, trigger: int) -> list[tuple[Items, int]]:
    """A pattern as the matcher sees it: an alternative written with a hyphen ("cease-fire") is three tokens in a
    parse (cease, -, fire), so it becomes a pattern of its own with those three items, its trigger (if the
    hyphenated item was the trigger) the last part, the head of the compound. Returns (items, trigger) pairs."""
    k = next((k for k, it in enumerate(items) if it and any("-" in a.strip("-") for a in it)), None)
    if k is None:
        return [(items, trigger)]
    item = items[k] or frozenset()
    plain = frozenset(a for a in item if "-" not in a.strip("-"))
    out = hyphen_variants(items[:k] + (plain,) + items[k + 1:], trigger) if plain else []
    for alt in sorted(item - plain):
        parts = tuple(frozenset({w}) for w in " - ".join(alt.split("-")).split())
        at = trigger if trigger < k else trigger + len(parts) - 1
        out += hyphen_variants(items[:k] + parts + items[k + 1:], at)
    return out


class PatternSet:
    """Every pattern of a language, indexed by the words its first item accepts."""

    def __init__(self, settings: Settings, codes: Sequence[str] | None = None) -> None:
        self.patterns: list[Pattern] = []
        folder = settings.lang_dir("patterns")
        for path in sorted(folder.glob("[0-9][0-9].tsv")):
            self._load(path, set(codes) if codes else None)
        if not self.patterns:
            raise ResourceError(f"{folder}: no pattern files")
        self.by_first: dict[str, list[Pattern]] = {}
        for p in self.patterns:
            for word in p.items[0] or ():
                self.by_first.setdefault(word, []).append(p)
        # the words of each pattern's items after the first: a pattern is tried only where each occurs
        self.needs = {id(p): tuple(i for i in p.items[1:] if i is not GAP) for p in self.patterns}

    def _load(self, path: Path, known: set[str] | None) -> None:
        for lineno, (code, pattern, roles, example) in read_tsv(path, 4):
            where = f"{path}:{lineno}"
            if known is not None and code not in known:
                raise ResourceError(f"{where}: unknown CAMEO code {code!r}")
            if (roles or "-") not in ROLES:
                raise ResourceError(f"{where}: roles must be one of {sorted(ROLES)}, not {roles!r}")
            items, trigger = parse_pattern(pattern, where)
            for variant, at in hyphen_variants(items, trigger):
                self.patterns.append(Pattern(f"{path.name}:{lineno}", code, variant, roles or "-", example, at))

    def trigger_words(self) -> set[str]:
        return {w for p in self.patterns for w in (p.items[p.trigger] or ())}

    def matches(self, tokens: Sequence[Token]) -> list[Match]:
        """Non-overlapping matches, the most specific first (more items, then a longer code).
        Quotation marks and brackets are invisible to patterns: `"good conversation" with` matches."""
        kept = [t.i for t in tokens if t.text not in QUOTES]
        keys = [(tokens[i].lemma, tokens[i].text.lower()) for i in kept]
        weights = gap_weights([tokens[i] for i in kept])
        present = {w for key in keys for w in key}
        possible: dict[int, bool] = {}  # id(pattern) -> do all its words occur in the sentence?
        found: list[Match] = []
        for i, (lemma, lower) in enumerate(keys):
            for p in self.by_first.get(lemma, []) + self.by_first.get(lower, []):
                ok = possible.get(id(p))
                if ok is None:
                    ok = possible[id(p)] = all(not present.isdisjoint(item) for item in self.needs[id(p)])
                if not ok:
                    continue
                hit = match_at(p, keys, i, weights)
                if hit:
                    found.append(Match(p, tuple(kept[k] for k in hit)))
        return select(found)


def _item_ok(item: frozenset[str], key: tuple[str, str]) -> bool:
    return key[0] in item or key[1] in item


def gap_weights(tokens: Sequence[Token]) -> list[int]:
    """What each token counts for in a gap: a hyphen written inside a word and the part after it count for
    nothing, so "an eight-day ceasefire" is two tokens of a gap, not five; so does an article or other determiner
    ("returned the ancient manuscript": one token), and so does every word of a name after its first ("at United
    Arab Emirates": two tokens)."""
    weights = [0 if t.text.lower() in ARTICLES or (k and t.pos == "PROPN" == tokens[k - 1].pos) else 1
               for k, t in enumerate(tokens)]
    for k in range(1, len(tokens) - 1):
        t, before, after = tokens[k], tokens[k - 1], tokens[k + 1]
        if t.text == "-" and before.end == t.start and t.end == after.start:
            weights[k] = weights[k + 1] = 0
    return weights


def match_at(p: Pattern, keys: Sequence[tuple[str, str]], i: int,
             weights: Sequence[int] | None = None) -> tuple[int, ...] | None:
    """Token indices matched by `p` starting at token `i`, or None (gaps match lazily). A gap spans at most
    MAX_GAP tokens by `weights` (default: every token counts one)."""
    return _match(p.items, 0, keys, i, (), weights if weights is not None else [1] * len(keys))


def _match(items, k: int, keys, i: int, acc: tuple[int, ...], weights: Sequence[int]) -> tuple[int, ...] | None:
    if k == len(items):
        return acc
    item = items[k]
    if item is GAP:
        skip = used = 0
        while used <= MAX_GAP:
            if i + skip < len(keys) and keys[i + skip][1] in {".", ";"}:
                return None
            got = _match(items, k + 1, keys, i + skip, acc, weights)
            if got:
                return got
            if i + skip >= len(keys):
                return None
            used += weights[i + skip]
            skip += 1
        return None
    if i < len(keys) and _item_ok(item, keys[i]):
        return _match(items, k + 1, keys, i + 1, acc + (i,), weights)
    return None


def select(found: list[Match]) -> list[Match]:
    ranked = sorted(found, key=lambda m: (-m.pattern.size, -len(m.pattern.code), m.span[0]))
    used: set[int] = set()
    chosen = []
    for m in ranked:
        if used.isdisjoint(m.tokens) and m.trigger not in used:
            chosen.append(m)
            used.update(range(m.span[0], m.span[1] + 1))
    return sorted(chosen, key=lambda m: m.span[0])
