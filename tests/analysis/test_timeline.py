"""The timeline: operations, events and statements in date order."""

from kg.analysis import timeline

from .conftest import ID


def test_tiny_dates_in_order(tiny_store):
    entries = timeline(tiny_store)
    assert [(e.date, e.kind, e.label, e.detail) for e in entries] == [
        ("2019-04", "operation", "Tajik repatriation from Iraq", "on"),
        ("2019-04-30", "operation", "Tajik repatriation from Iraq", "on"),
        ("2019-05-01", "statement", "Emomali Rahmon", "about Tajik repatriation from Iraq"),
    ]
    assert entries[2].status == "conflicting"


def test_seed_timeline_is_sorted_by_date(seed_store):
    dates = [e.date for e in timeline(seed_store)]
    assert dates == sorted(dates)


def test_seed_zhusan_may_begins_on_the_7th_in_three_outlets(seed_store):
    begins = [e for e in timeline(seed_store) if e.node == ID + "zhusan-2" and e.detail == "begins"]
    assert [(e.date, len(e.outlets)) for e in begins] == [("2019-05-07", 3)]


def test_seed_tokayev_speaks_on_10_may(seed_store):
    said = {e.detail for e in timeline(seed_store) if e.node == ID + "tokayev" and e.date == "2019-05-10"}
    assert "about Operation Zhusan, May 2019" in said
