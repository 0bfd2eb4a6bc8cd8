def triples(annotated):
    return sorted((c.subject, c.predicate, c.object) for c in annotated.claims if c.object is not None)


def test_verbs_relate_their_subject_and_object(annotate_text):
    annotated = annotate_text("The Tajik government thanked UNICEF. The Syrian Democratic Forces has urged Kazakhstan "
                              "to repatriate its citizens.")  # fmt: skip
    assert triples(annotated) == [("sdf", "urged", "kazakhstan"), ("tajik-government", "thanked", "unicef")]


def test_participles_and_conjunctions_spread(annotate_text):
    annotated = annotate_text("Kazakhstan has hosted a series of talks on Syria brokered by Iraq, Russia and Kuwait.")
    assert triples(annotated) == [
        ("iraq", "brokered", "astana-talks"),
        ("kazakhstan", "hosted", "astana-talks"),
        ("kuwait", "brokered", "astana-talks"),
        ("russia", "brokered", "astana-talks"),
    ]


def test_people_named_by_nationality_are_the_group_that_did_it(annotate_text):
    annotated = annotate_text("The majority of Kazakh citizens left for Syria and Iraq to join Islamic State.")
    assert triples(annotated) == [
        ("kazakh-foreign-fighters", "joined", "islamic-state"),
        ("kazakh-foreign-fighters", "leftFor", "iraq"),
        ("kazakh-foreign-fighters", "leftFor", "syria"),
    ]


def test_gratitude_to_a_list_thanks_each_of_them(annotate_text):
    annotated = annotate_text("Tokayev said so while expressing his gratitude to the staff of the National Security "
                              "Committee of Kazakhstan and UNICEF.", published="2019-05")  # fmt: skip
    assert triples(annotated) == [("tokayev", "thanked", "knb"), ("tokayev", "thanked", "unicef")]


def test_relations_are_machine_made_with_a_confidence(annotate_text):
    annotated = annotate_text("The Tajik government thanked UNICEF.")
    (claim,) = [c for c in annotated.claims if c.object]
    assert (claim.provenance.method, claim.provenance.component) == ("machine", "relations")
    assert 0 < claim.provenance.confidence <= 1
