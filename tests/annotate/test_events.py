from kg.model import Article, Entity


def events(annotated):
    return [(o.event, o.on, o.start, o.end, o.agents, o.origin, o.destination) for o in annotated.operations]


def test_an_operation_is_linked_to_the_phase_its_date_fits(annotate_text):
    may = annotate_text("Tokayev said they were brought from Syria between May 7 and May 9 by the National Security "
                        "Committee of Kazakhstan.", published="2019-05-10")  # fmt: skip
    assert events(may) == [("zhusan-2", None, "2019-05-07", "2019-05-09", ("knb",), ("syria",), ("kazakhstan",))]
    january = annotate_text("On January 6 this year, 47 citizens of Kazakhstan were evacuated from Syria.",
                            published="2019-01")  # fmt: skip
    assert [e[:2] for e in events(january)] == [("zhusan-1", "2019-01-06")]


def test_a_repatriation_the_registry_does_not_have_is_proposed(pipeline, annotate_text):
    annotated = annotate_text("On April 30, Tajikistan repatriated 84 minors from Iraq.", published="2019-05-10")
    (event,) = events(annotated)
    assert event[1:] == ("2019-04-30", None, None, ("tajikistan",), ("iraq",), ("tajikistan",))
    assert pipeline.proposed[event[0]].type == "Operation"
    assert pipeline.proposed[event[0]].label == "Repatriation by Tajikistan from Iraq, 2019-04-30"


def test_a_proposed_event_says_its_country_and_dates_for_a_person_to_check(pipeline, annotate_text):
    annotated = annotate_text(
        "Kazakhstan evacuated 30 children from Kuwait between June 3 and June 5.", published="2019-06-10"
    )
    (event,) = events(annotated)
    entity = pipeline.proposed[event[0]]
    assert (entity.type, entity.label) == ("Operation", "Repatriation by Kazakhstan from Kuwait, 2019-06-03")
    assert entity.description.startswith(
        "Proposed by kg annotate (first seen in t): repatriation by Kazakhstan from Kuwait to Kazakhstan "
        "from 2019-06-03 to 2019-06-05 (country: Kazakhstan)."
    )


def test_an_event_a_person_merged_into_another_is_that_event(registry, annotate_text):
    from kg.annotate.pipeline import Pipeline
    from kg.model import Registry

    merged = Entity("tajik-returns", "Operation", "Tajik returns from Iraq",
                    aliases=("repatriation-by-tajikistan-from-iraq-2019-04-30",))  # fmt: skip
    pipeline = Pipeline(Registry({**registry.entities, merged.id: merged}, registry.kinds))
    article = Article(id="t", text="On April 30, Tajikistan repatriated 84 minors from Iraq.", title="t",
                      outlet="tca", published="2019-05-10")  # fmt: skip
    (event,) = events(pipeline(article))
    assert event[0] == "tajik-returns"
    assert not [e for e in pipeline.proposed.values() if e.is_event]


def test_events_named_in_the_text_carry_their_dates(annotate_text):
    annotated = annotate_text("Kazakhstan has hosted a series of talks on Syria since the beginning of 2017.")
    assert events(annotated) == [("astana-talks", None, "2017", None, (), (), ())]


def test_every_event_is_machine_made(annotate_text):
    annotated = annotate_text("On April 30, Tajikistan repatriated 84 minors from Iraq.", published="2019-05-10")
    assert {(o.provenance.method, o.provenance.component) for o in annotated.operations} == {("machine", "events")}


def test_the_country_people_come_home_to_is_the_one_returning_them(annotate_text):
    annotated = annotate_text(
        "At least 79 children are back in Kyrgyzstan after being returned from Iraq.", published="2021-03-16"
    )
    assert [e[4:] for e in events(annotated)] == [(("kyrgyzstan",), ("iraq",), ("kyrgyzstan",))]


def test_people_flown_out_of_a_country_between_two_days_are_that_phase(annotate_text):
    # "flown out of Syria": the origin under "out of"; "May 7 and" + "9": one range, not a date and a number
    annotated = annotate_text(
        "Kazakhstan has repatriated 595 of its citizens from Syria since January. "
        "The largest group, 231 people, was flown out of Syria between May 7 and 9.",
        published="2019-09-03",
    )
    assert events(annotated)[1] == ("zhusan-2", None, "2019-05-07", "2019-05-09", (), ("syria",), ())
    assert [(c.quantity.value, c.about) for c in annotated.claims if c.quantity][1] == (231, "zhusan-2")


def test_a_minister_who_flew_somewhere_is_not_a_repatriation(annotate_text):
    annotated = annotate_text(
        "The Kazakh foreign minister flew from Astana to Baghdad on Monday.", published="2019-11-13"
    )
    assert events(annotated) == []
