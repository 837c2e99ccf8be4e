from eventwire.codes import code_table, parse_crosswalk_line
from eventwire.settings import Settings


def test_tables_cover_every_code():
    t = code_table(Settings())
    assert len(t.names) > 300
    assert all(t.info(c).quad_class in (1, 2, 3, 4) for c in t.names)


def test_known_values():
    t = code_table(Settings())
    call = t.info("041")
    assert (call.goldstein, call.quad_class, call.plover.event, call.plover.mode) == (1.0, 1, "CONSULT", "phone")
    assert t.info("190").quad_class == 4 and t.info("190").goldstein == -10.0
    assert t.info("0311").plover.event == "AGREE"
    assert t.info("02").plover.event == "REQUEST"  # from eventwire's own addition


def test_crosswalk_line_parsing():
    assert parse_crosswalk_line("042: CONSULT, visit,   # Make a visit")[1].mode == "visit"
    assert parse_crosswalk_line("~~~~~") is None
