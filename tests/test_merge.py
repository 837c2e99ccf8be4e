from helpers import mention

from eventwire.merge import merge
from eventwire.settings import Settings

S = Settings()


def test_reports_of_one_call_become_one_event():
    ms = [mention("a", "IND", "RUS", "041", "2024-01-15"), mention("b", "RUS", "IND", "040", "2024-01-15")]
    [ev] = merge(ms, S)
    assert ev.cameo == "041" and ev.num_mentions == 2 and ev.num_articles == 2 and ev.num_sources == 2
    assert "code" in ev.flags


def test_different_roots_dates_and_directions_stay_apart():
    ms = [mention("a", "IND", "RUS", "041", "2024-01-15"), mention("a", "IND", "RUS", "030", "2024-01-15", 5),
          mention("a", "IND", "RUS", "041", "2024-03-20", 9), mention("a", "IND", "RUS", "051", "2024-03-20", 12),
          mention("b", "RUS", "IND", "051", "2024-03-20", 3)]
    assert len(merge(ms, S)) == 5


def test_negated_mentions_are_not_events():
    assert merge([mention("a", "IND", "PAK", "190", "2024-01-15", negated=True)], S) == []


def test_month_precision_joins_its_month_only():
    ms = [mention("a", "RUS", "IND", "042", "2010-12-01", precision="month"),
          mention("b", "RUS", "IND", "042", "2010-12-20"), mention("c", "RUS", "IND", "042", "2011-01-03")]
    assert sorted(e.num_mentions for e in merge(ms, S)) == [1, 2]


def test_role_disagreement_is_flagged():
    ms = [mention("a", "RUS", "IND", "041", "2024-01-15", kb_id="putin", role="Prime Minister"),
          mention("b", "RUS", "IND", "041", "2024-01-15", kb_id="putin", role="President")]
    assert "role" in merge(ms, S)[0].flags


def test_merge_is_order_independent():
    ms = [mention(d, "IND", "RUS", "041", "2024-01-15", i) for i, d in enumerate("abc")]
    assert [e.id for e in merge(ms, S)] == [e.id for e in merge(list(reversed(ms)), S)]


def test_a_copy_group_counts_as_one_source_but_all_its_mentions_count():
    ms = [mention(d, "IND", "RUS", "041", "2024-01-15") for d in ("a", "b", "c")]
    [ev] = merge(ms, S, copies={"a": "a", "b": "a"})
    assert (ev.num_mentions, ev.num_articles, ev.num_sources) == (3, 3, 2)
    [plain] = merge(ms, S)
    assert plain.num_sources == 3


def test_a_mention_that_refers_back_joins_its_antecedent_whatever_its_date():
    from dataclasses import replace

    first = mention("a", "IND", "RUS", "041", "2024-01-15")
    later = replace(mention("a", "IND", "RUS", "041", "2024-02-08", 40), refers_to=first.id)
    other = mention("b", "IND", "RUS", "041", "2024-02-08", 3)
    events = merge([first, later, other], S)
    joined = next(e for e in events if first in e.mentions)
    assert later in joined.mentions and "date" in joined.flags and joined.date.iso() == "2024-01-15"
    assert any(e.mentions == (other,) for e in events)


def test_block_by_block_gives_the_same_events():
    from collections import defaultdict

    from eventwire.merge import block_events, block_key, event_order

    ms = [mention("a", "IND", "RUS", "041", "2024-01-15"), mention("b", "RUS", "IND", "040", "2024-01-16"),
          mention("a", "IND", "RUS", "051", "2024-03-20", 12), mention("c", "PAK", "IND", "190", "2024-03-20")]
    blocks = defaultdict(list)
    for m in ms:
        blocks[block_key(m, S.reciprocal_roots)].append(m)
    by_block = sorted((e for b in blocks.values() for e in block_events(b, S)), key=event_order)
    assert by_block == merge(ms, S) and len(by_block) == 3


def test_outlets_come_from_the_url_host_when_no_outlet_is_given():
    from eventwire.merge import _host

    assert _host("https://www.Example.com/a/b?x=1") == "www.example.com"
    assert _host("https://wire.example?id=3") == "wire.example"
    assert _host("seeds/000.txt") == "" and _host("") == ""
