"""Which words a rule can start with, and a fast trigger pattern for those words.

Scanning text with one alternation of every rule costs every rule at every character. Instead the
scanner first finds the words that can start an expression (a trie-shaped pattern over the
lower-cased text, which the regex engine skips through quickly), and tries only the rules that
can start with that word. A rule's start words are found from its template: the words and macro
vocabularies before its first mandatory part. `DIGIT` stands for any digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DIGIT = "#digit"
LOOKAROUND = re.compile(r"\(\?<?[=!](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)")
CHAR_CLASS = re.compile(r"\[(?:[^\]\\]|\\.)*\]")
MACRO = re.compile(r"\{([a-z]\w*)(?::[a-z]\w*)?\}")
LETTERS = re.compile(r"(?<![\\\w])[a-z]+")
LEAD = re.compile(r"[^\W_]+")


def phrase_start(phrase: str) -> str:
    """The word a phrase starts with, lower-cased ("New Year's Day" -> "new"; "9/11 attacks" -> DIGIT)."""
    found = LEAD.search(phrase.lower())
    if found is None or found.start() != 0:
        return ""
    return DIGIT if found.group()[0].isdigit() else found.group()


def phrase_starts(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(s for s in map(phrase_start, phrases) if s)


def regex_starts(regex: str) -> frozenset[str]:
    """Over-inclusive start words of a raw regex: every literal word in it, and DIGIT if it has digits."""
    bare = re.sub(r"\(\?P<\w+>", "(", LOOKAROUND.sub("", regex))
    body = CHAR_CLASS.sub(lambda m: " 0 " if "0-9" in m.group() else " ", bare)
    words = set(LETTERS.findall(body.replace(r"\d", " 0 ")))
    return frozenset(words | ({DIGIT} if re.search(r"[0-9]", body) else set()))


def group_end(text: str, start: int) -> int:
    """Index just after the `)` closing the group opened at `start`."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = class_end(text, i)
            continue
        depth += (char == "(") - (char == ")")
        i += 1
        if depth == 0:
            return i
    return len(text)


def class_end(text: str, start: int) -> int:
    """Index just after the character class `[...]` opened at `start`."""
    found = CHAR_CLASS.match(text, start)
    return found.end() if found else start + 1


def optional_after(text: str, end: int) -> bool:
    return end < len(text) and text[end] in "?*"


def prefix_end(template: str) -> int:
    """End of the template's first mandatory item (macro, group or word) at the top level."""
    i = 0
    while i < len(template):
        char = template[i]
        if char == "(":
            end = group_end(template, i)
            if not optional_after(template, end):
                return end
            i = end + 1
        elif char == "{":
            return template.index("}", i) + 1
        elif char == "[":
            end = class_end(template, i)
            if not optional_after(template, end):
                return end
            i = end + 1
        elif char.isalpha():
            return re.match(r"[a-zA-Z]+", template[i:]).end() + i
        elif char == "\\":
            i += 2
        else:
            i += 1
    return len(template)


def template_starts(template: str, macro_starts: dict[str, frozenset[str]], zero_width: set[str]) -> frozenset[str]:
    """Words a match of the template can start with: words and macros up to its first mandatory part.

    Look-arounds and the zero-width macros (`zero_width`, such as {prep}) are left out first.
    """
    body = MACRO.sub(lambda m: "" if m.group(1) in zero_width else m.group(), LOOKAROUND.sub("", template))
    prefix = body[:prefix_end(body)]
    words = set(LETTERS.findall(CHAR_CLASS.sub(" ", MACRO.sub(" ", prefix)).lower()))
    for name in MACRO.findall(prefix):
        words |= macro_starts.get(name, frozenset())
    return frozenset(words)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of the words, shaped as a trie so the engine rejects most positions fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_regex(trie)


def trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
