"""Compiling rules.tsv and the vocabulary into regular expressions, once per language.

Each rule becomes one compiled pattern (its captures say what was matched). A `trigger` pattern
finds the words that can start an expression; for each such word, a `Branch` joins the rules that
can start with it, in file order, into one pattern with a single capture per rule, so that the
first rule that matches wins and `lastindex` tells which one it was.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from .clause import Cues, build_cues
from .starts import DIGIT, phrase_starts, regex_starts, template_starts, trie_pattern
from .vocab import Form, Vocab

MACRO_REF = re.compile(r"\{([a-z]\w*)(?::([a-z]\w*))?\}")
NAMED_GROUP = re.compile(r"\(\?P<\w+>")
WORD_START, WORD_END = r"(?<!\w)", r"(?!\w)"


@dataclass(frozen=True, slots=True)
class Macro:
    group: str  # capture name, "" for none
    regex: str
    starts: frozenset[str] = frozenset()  # words a match can start with; empty: zero-width


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    handler: str
    regex: re.Pattern[str]
    starts: frozenset[str]


@dataclass(frozen=True, slots=True)
class Branch:
    """The rules that can start with one word, joined into one pattern (capture i is rules[i-1])."""

    rules: tuple[Rule, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Rule, ...]
    trigger: re.Pattern[str]  # over lower-cased text: a word (or digit) that may start an expression
    branches: dict[str, Branch]  # start word (or DIGIT) -> its branch
    cues: Cues  # tense_cues.tsv, compiled


PHRASE_CHARS = {" ": r"\s+", "-": r"[-\s]", "'": "['’]"}


def phrase_tokens(phrase: str, space: str = r"\s+") -> list[str]:
    """A phrase as regex pieces, one a character: a space is `space`, a hyphen a hyphen or a space, an
    apostrophe either apostrophe."""
    return [space if c == " " else PHRASE_CHARS.get(c, re.escape(c)) for c in " ".join(phrase.split())]


def phrase_regex(phrase: str, space: str = r"\s+") -> str:
    return "".join(phrase_tokens(phrase, space))


def phrases_trie(phrases: Iterable[str]) -> str:
    """Alternation of phrases shaped as a trie, so the engine drops a wrong phrase at its first wrong
    character; a longer phrase is preferred over its prefix ("a few" over "a")."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for piece in phrase_tokens(phrase):
            node = node.setdefault(piece, {})
        node[""] = {}
    return pieces_regex(trie)


def pieces_regex(node: dict) -> str:
    branches = [piece + pieces_regex(child) for piece, child in sorted(node.items()) if piece]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def alternation(phrases: Iterable[str]) -> str:
    """Whole-word alternation of phrases, the longest that fits first."""
    return WORD_START + "(?:" + phrases_trie(phrases) + ")" + WORD_END


def form_alternation(forms: Iterable[Form], suffix: str = "") -> str:
    """Alternation of written forms; cased forms match only as written or in capitals."""
    loose, cased = [], []
    for form in sorted(forms, key=lambda f: -len(f.text)):
        text = form.text + suffix
        (cased if form.cased else loose).append(re.escape(text))
        if form.cased:
            cased.append(re.escape(text.upper()))
    parts = ([f"(?-i:{'|'.join(cased)})"] if cased else []) + loose
    return WORD_START + "(?:" + "|".join(parts) + ")" + WORD_END


def lookbehind(phrases: Iterable[str]) -> str:
    """Matches right after one of the phrases and a space (fixed-width look-behinds, one per phrase)."""
    parts = []
    for phrase in sorted(set(phrases)):
        start = r"\b" if phrase[0].isalnum() else ""
        parts.append(f"(?<={start}{phrase_regex(phrase, space=chr(92) + 's')}\\s)")
    return "(?:" + "|".join(parts) + ")"


def number_regex(vocab: Vocab) -> str:
    """Number words ("twenty-one" composed from tens and units), listed phrases, then digits."""
    kinds = vocab.number_kinds
    tens = [p for p, k in kinds.items() if k == "ten"]
    units = [p for p, k in kinds.items() if k == "unit"]
    composed = f"(?:{'|'.join(tens)})(?:[-\\s](?:{'|'.join(units)}))?"
    listed = alternation(p for p, k in kinds.items() if k != "ten")
    digits = r"(?<![\w.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?!\w|[.,][0-9])"
    return f"(?:{WORD_START}{composed}{WORD_END}|{listed}|{digits})"


def not_count(vocab: Vocab) -> str:
    """Negative look-ahead: not followed by ("and 2000") a count word or a unit of time."""
    words = list(vocab.count_words) + list(vocab.units)
    alts = phrases_trie(words)
    return rf"(?!(?:\s+(?:and|or|to|-|–)\s+[0-9][0-9,]*)?\s*(?:{alts})(?!\w))"


def vocab_macros(v: Vocab) -> dict[str, Macro]:
    names = [f for f in v.month_forms if f.kind == "name"]
    day_names = [f for f in v.weekday_forms if f.kind == "name"]
    fixed_sets = [p for p, (k, _) in v.sets.items() if k == "fixed"]
    every = [p for p, (k, _) in v.sets.items() if k == "every"]
    times = [p for p, (k, _) in v.sets.items() if k == "times"]
    edges = [p for p, c in v.triggers.items() if c == "edge"]
    units = v.units.items()
    macros = {
        "month": words_macro("month", form_alternation(v.month_forms), (f.text for f in v.month_forms)),
        "monthname": words_macro("month", form_alternation(names), (f.text for f in names)),
        "weekday": words_macro("weekday", form_alternation(day_names), (f.text for f in day_names)),
        "weekdayany": words_macro("weekday", form_alternation(v.weekday_forms), (f.text for f in v.weekday_forms)),
        "weekdays": words_macro("weekday", form_alternation(day_names, "s"), (f.text + "s" for f in day_names)),
        "num": Macro("num", number_regex(v), phrase_starts(v.numbers) | {DIGIT}),
        "notdate": words_macro("notdate", f"(?-i:{alternation(v.not_dates)})", v.not_dates),
    }
    plain = {"pod": v.parts, "relday": v.reldays, "mod": v.modifiers, "edge": edges, "ordday": v.ordinals,
             "season": v.seasons, "holiday": v.holidays, "vague": v.vague, "setword": fixed_sets,
             "quant": every, "freq": times, "unit": v.units,
             "unitsg": [f for f, u in units if not u.plural], "unitpl": [f for f, u in units if u.plural],
             "calunit": [f for f, u in units if u.calendar and not u.plural]}
    plain |= {"story": v.story, "qcode": [p for p in v.quarters if p[0] == "q"],
              "qord": [p for p in v.quarters if p[0] != "q"]}
    groups = {"ordday": "day", "unitsg": "unit", "unitpl": "unit", "calunit": "unit", "qcode": "quarter",
              "qord": "quarter"}
    for name, phrases in plain.items():
        macros[name] = words_macro(groups.get(name, name), alternation(phrases), phrases)
    for name in ("prep", "conj", "det", "name"):
        macros[name] = Macro("", lookbehind(p for p, c in v.triggers.items() if c == name))
    macros["afterunit"] = Macro("", lookbehind(v.units))
    macros["notcount"] = Macro("", not_count(v))
    return macros


def words_macro(group: str, regex: str, phrases: Iterable[str]) -> Macro:
    return Macro(group, regex, phrase_starts(phrases))


def literal(text: str) -> str:
    """Template text between macros: a space is one or more spaces, ~ optional spaces."""
    return text.replace(" ", r"\s+").replace("~", r"\s*")


def expand(template: str, macros: dict[str, Macro], where: str) -> str:
    out, pos = [], 0
    for ref in MACRO_REF.finditer(template):
        macro = macros.get(ref.group(1))
        if macro is None:
            raise ResourceError(f"{where}: unknown macro {{{ref.group(1)}}}")
        group = ref.group(2) or macro.group
        out.append(literal(template[pos:ref.start()]))
        out.append(f"(?P<{group}>{macro.regex})" if group else f"(?:{macro.regex})")
        pos = ref.end()
    out.append(literal(template[pos:]))
    return "".join(out)


def compile_checked(pattern: str, where: str) -> re.Pattern[str]:
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ResourceError(f"{where}: bad pattern: {exc}") from exc
    if regex.groups != len(regex.groupindex):
        raise ResourceError(f"{where}: unnamed capture; write (?:...) for grouping")
    return regex


def build_grammar(vocab: Vocab, path: Path, handlers: Collection[str]) -> Grammar:
    """Compile the macros and rules of rules.tsv (`path`, for messages) against the vocabulary."""
    macros, rules = vocab_macros(vocab), []
    for lineno, (kind, name, third, body) in vocab.rules:
        where = f"{path}:{lineno}"
        if kind == "macro":
            compile_checked(body, where)
            macros[name] = Macro("" if third == "-" else third, body, regex_starts(body))
        elif kind == "rule":
            rules.append(build_rule(name, third, body, macros, handlers, where))
        else:
            raise ResourceError(f"{where}: a row is `macro` or `rule`, got {kind!r}")
    if not rules:
        raise ResourceError(f"{path}: no rules")
    return Grammar(tuple(rules), build_trigger(rules), build_branches(rules), build_cues(vocab))


def build_rule(name: str, handler: str, template: str, macros: dict[str, Macro], handlers: Collection[str],
               where: str) -> Rule:
    if handler not in handlers:
        raise ResourceError(f"{where}: unknown handler {handler!r}; expected one of {sorted(handlers)}")
    regex = compile_checked(expand(template, macros, where), where)
    zero_width = {n for n, m in macros.items() if not m.starts}
    starts = template_starts(template, {n: m.starts for n, m in macros.items()}, zero_width)
    if not starts:
        raise ResourceError(f"{where}: cannot tell which words rule {name!r} starts with")
    return Rule(name, handler, regex, starts)


def build_trigger(rules: Iterable[Rule]) -> re.Pattern[str]:
    """A start word (ending at a word boundary or before a digit: "FY2011") or a digit."""
    words = set().union(*(r.starts for r in rules))
    digit = "|[0-9]" if DIGIT in words else ""
    return re.compile(rf"\b(?:{trie_pattern(w for w in words if w != DIGIT)}(?:\b|(?=[0-9])){digit})")


def build_branches(rules: list[Rule]) -> dict[str, Branch]:
    """One branch per start word; words with the same rules share one compiled branch."""
    words = set().union(*(r.starts for r in rules))
    shared: dict[tuple[int, ...], Branch] = {}
    out = {}
    for word in words:
        picked = tuple(i for i, r in enumerate(rules) if word in r.starts)
        if picked not in shared:
            chosen = tuple(rules[i] for i in picked)
            joined = "|".join("(" + NAMED_GROUP.sub("(?:", r.regex.pattern) + ")" for r in chosen)
            shared[picked] = Branch(chosen, re.compile(joined, re.IGNORECASE))
        out[word] = shared[picked]
    return out
