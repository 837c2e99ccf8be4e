"""Evaluators over public data sets that live outside the project (`../shared/data/`).

Each evaluator reads its data set at run time (nothing is copied into the project), codes it with an
`Engine` and returns a plain dict of counts and scores; `summary_line` functions print one line of it.

- `petrarch`: the PETRARCH2 unit-test records (fictional actors, expected CAMEO codings).
- `conflibert`: the ConfliBERT CAMEO sets (PentaClass per sentence; source/target BIO tags).
"""
