"""Story clustering against ECB+: document-level B-cubed precision, recall and F1.

ECB+ (Cybulska and Vossen, 2014) groups news articles in topics; in topic T the files `T_Necb.xml`
report one real event and the files `T_Necbplus.xml` a second, similar but different one (two
earthquakes, two arrests). The gold story of a document is therefore `(topic, "ecb" | "ecbplus")`.

Each document's text is rebuilt from its tokens, sentence by sentence; numbers that the `ecbplus` files
split at their point, colon or thousands comma ("5 . 9", "20 : 09") are glued back. The `ecbplus` files
hold the URL where the text was found as sentence 0; it is dropped, since it is no article text and only
the `ecbplus` half has it. Documents carry no publication date, so the clusterer gets none.

All documents of all topics go to one clusterer, in an order shuffled with a fixed seed (news does not
arrive sorted by story); `order="file"` feeds them sorted by topic and file name instead.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

SHUFFLE_SEED = 20140526  # fixed, so the evaluation is repeatable
_FILE_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "n't", "'re", "'ve", "'ll", "'d",
                    "'m", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ article: its file name (`1_10ecb.xml`), gold story and rebuilt text."""

    name: str
    topic: int
    half: str  # "ecb" or "ecbplus"
    text: str

    @property
    def gold(self) -> tuple[int, str]:
        return self.topic, self.half


class Clusterer(Protocol):
    def add(self, doc_id: str, text: str, published=None) -> str: ...


def read_document(path: Path) -> EcbDocument:
    """An ECB+ XML file as an `EcbDocument`."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        raise ValueError(f"{path}: not an ECB+ file name (T_Necb.xml or T_Necbplus.xml)")
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    half = match.group(3)
    lines = [detokenize(words) for number, words in sorted(sentences.items())
             if not (number == 0 and half == "ecbplus" and _is_url(words))]
    return EcbDocument(path.name, int(match.group(1)), half, "\n".join(line for line in lines if line))


def _is_url(words: list[str]) -> bool:
    return bool(words) and words[0].lower() in {"http", "https", "www"}


def detokenize(words: Iterable[str]) -> str:
    """Tokens back to text: no space before closing punctuation and clitics, none after opening ones, and
    none inside a number the tokenizer split ("5", ".", "9" -> "5.9"; "20", ":", "09" -> "20:09")."""
    out: list[str] = []
    glue = True
    before = previous = ""  # the two words before `word`
    for word in words:
        inside_number = _inside_number(before, previous, word)
        if out and not glue and not inside_number and word not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(_QUOTES.get(word, word))
        glue = word in _NO_SPACE_AFTER
        before, previous = previous, word
    return "".join(out)


def _inside_number(before: str, separator: str, word: str) -> bool:
    """True for the parts of 5.9, 20:09 and 31,000 (a comma only before three digits: not "11, 2011")."""
    if not (before.isdigit() and word.isdigit()):
        return False
    return separator in {".", ":"} or (separator == "," and len(word) == 3)


def read_corpus(folder: Path) -> list[EcbDocument]:
    """Every document of every topic folder, sorted by topic number and file name."""
    paths = [p for p in folder.glob("*/*.xml") if _FILE_NAME.match(p.name)]
    return [read_document(p) for p in sorted(paths, key=_file_order)]


def _file_order(path: Path) -> tuple[int, int, str]:
    match = _FILE_NAME.match(path.name)
    assert match is not None
    return int(match.group(1)), int(match.group(2)), match.group(3)


def ordered(docs: list[EcbDocument], order: str, seed: int = SHUFFLE_SEED) -> list[EcbDocument]:
    if order == "file":
        return list(docs)
    if order == "shuffled":
        out = list(docs)
        random.Random(seed).shuffle(out)
        return out
    raise ValueError(f"order must be 'shuffled' or 'file', not {order!r}")


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, object]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin, 1998) over the items of `gold`."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[object, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        same = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += same / len(by_pred[predicted[item]])
        recall += same / len(by_gold[gold[item]])
    n = len(gold) or 1
    p, r = precision / n, recall / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_ecb(folder: Path, clusterer_factory: Callable[[], Clusterer], order: str = "shuffled") -> dict:
    """Feed every ECB+ document in `folder` to one clusterer and score its stories with B-cubed.

    Returns precision, recall, f1, the number of documents, gold stories and predicted stories.
    """
    docs = ordered(read_corpus(Path(folder)), order)
    clusterer = clusterer_factory()
    predicted = {doc.name: clusterer.add(doc.name, doc.text) for doc in docs}
    gold = {doc.name: doc.gold for doc in docs}
    scores = bcubed(predicted, gold)
    return {**scores, "documents": len(docs), "gold_stories": len(set(gold.values())),
            "stories": len(set(predicted.values())), "order": order}
