from kg.annotate.linking import AliasIndex, person_surname, slug
from kg.model import Article

from .conftest import mention_pairs


def test_registry_names_and_transliteration_variants_are_linked(annotate_text):
    annotated = annotate_text("Kasym-Zhomart Tokayev met officials of Operation Jusan in Syria.")
    assert mention_pairs(annotated) == [
        ("Kasym-Zhomart Tokayev", "tokayev"),
        ("Operation Jusan", "zhusan"),
        ("Syria", "syria"),
    ]


def test_a_misspelt_name_is_linked_by_fuzzy_matching(annotate_text):
    annotated = annotate_text("Nursultan Nazabayev spoke in Astana on Monday.", published="2017-11")
    assert ("Nursultan Nazabayev", "nazarbayev") in mention_pairs(annotated)


def test_reworded_names_of_bodies_are_linked(annotate_text):
    annotated = annotate_text(
        "Kazakhstan’s Committee for National Security and the Kazakh Foreign Ministry said so. "
        "The Tajik authorities agreed."
    )
    pairs = mention_pairs(annotated)
    assert ("Kazakhstan’s Committee for National Security", "knb") in pairs
    assert ("Kazakh Foreign Ministry", "kazakh-mfa") in pairs
    assert ("Tajik authorities", "tajik-government") in pairs


def test_a_title_alone_is_the_person_who_held_it_at_the_article_date(annotate_text):
    may_2019 = annotate_text("Kazakhstan’s interim president said 231 citizens returned.", published="2019-05-10")
    assert mention_pairs(may_2019)[0] == ("Kazakhstan’s interim president", "tokayev")
    january_2019 = annotate_text("The Kazakh president said 47 citizens returned.", published="2019-01")
    assert mention_pairs(january_2019)[0] == ("The Kazakh president", "nazarbayev")


def test_a_title_before_a_name_joins_its_mention(annotate_text):
    annotated = annotate_text("Interim President Kasym-Zhomart Tokayev said so.", published="2019-05")
    assert mention_pairs(annotated) == [("Interim President Kasym-Zhomart Tokayev", "tokayev")]


def test_unknown_names_are_proposed_as_new_entities_typed_from_ner(pipeline):
    article = Article(id="u", text="Foreign Minister Abdulaziz Kamilov visited Uzbekistan. Kamilov said so.",
                      title="", outlet="Wire")  # fmt: skip
    annotated = pipeline(article)
    pairs = mention_pairs(annotated)
    assert ("Abdulaziz Kamilov", "abdulaziz-kamilov") in pairs
    assert ("Kamilov", "abdulaziz-kamilov") in pairs  # the surname alone, later
    assert ("Uzbekistan", "uzbekistan") in pairs
    assert pipeline.proposed["abdulaziz-kamilov"].type == "Person"
    assert pipeline.proposed["uzbekistan"].type == "Country"


def test_acronyms_of_registry_names_are_linked(annotate_text):
    annotated = annotate_text("ASTANA (TCA) — The SDF holds them, RFE/RL reported.")
    pairs = mention_pairs(annotated)
    assert ("TCA", "tca") in pairs
    assert ("SDF", "sdf") in pairs
    assert ("RFE/RL", "rferl") in pairs


def test_an_acronym_defined_in_brackets_names_the_same_entity_later(annotate_text):
    annotated = annotate_text("They will be watched by the National Security Committee (NSC). The NSC said so.")
    assert [q for q, e in mention_pairs(annotated) if e == "knb"] == ["National Security Committee", "NSC", "NSC"]


def test_coordinated_adjectives_name_two_bodies(annotate_text):
    annotated = annotate_text("Tajikistan thanked the Kuwaiti and Iraqi foreign ministries for their help.")
    assert ("Kuwaiti and Iraqi foreign ministries", "kuwait-mfa+iraq-mfa") in mention_pairs(annotated)


def test_a_possessive_country_joins_the_place_it_qualifies(annotate_text):
    annotated = annotate_text("Fighters came from Russia’s Caucasus.")
    assert mention_pairs(annotated) == [("Russia’s Caucasus", "caucasus")]


def test_a_bare_body_name_belongs_to_the_country_the_article_is_about(annotate_text):
    annotated = annotate_text(
        "Kuwait repatriated 20 citizens from Iraq, the Ministry of Foreign Affairs said. Kuwait thanked Iraq."
    )
    assert ("Ministry of Foreign Affairs", "kuwait-mfa") in mention_pairs(annotated)


def test_nationality_groups_follow_what_they_did(annotate_text):
    back = annotate_text("In May, 231 Kazakh citizens were repatriated from Syria.")
    assert ("Kazakh citizens", "kazakh-returnees") in mention_pairs(back)
    gone = annotate_text("Hundreds of Kazakhs have left for Syria to join Islamic State.")
    assert ("Kazakhs", "kazakh-foreign-fighters") in mention_pairs(gone)


def test_mentions_in_boilerplate_and_repeated_copies_are_left_out(pipeline):
    text = "Tokayev visited Syria.\n\nTokayev visited Syria.\n\nRelated: Iraq news"
    from kg.model import Span

    article = Article(id="b", text=text, title="", outlet="Wire", boilerplate=(Span(48, 66, "Related: Iraq news"),),
                      repeats=(Span(24, 46, "Tokayev visited Syria."),))  # fmt: skip
    annotated = pipeline(article)
    assert [(m.span.start, m.span.quote) for m in annotated.mentions] == [(0, "Tokayev"), (16, "Syria")]


def test_outlet_names_are_resolved_to_registry_ids_or_proposed(pipeline):
    known = pipeline(Article(id="o1", text="Syria.", title="", outlet="Times of Central Asia"))
    assert known.article.outlet == "tca"
    dateline = pipeline(Article(id="o2", text="ASTANA (TCA) — Syria.", title="", outlet="unknown"))
    assert dateline.article.outlet == "tca"
    new = pipeline(Article(id="o3", text="Syria.", title="", outlet="Eurasianet"))
    assert new.article.outlet == "eurasianet"
    assert pipeline.proposed["eurasianet"].type == "MediaOutlet"


def test_every_mention_is_marked_as_machine_made(annotate_text):
    annotated = annotate_text("Tokayev visited Syria.")
    assert {(m.provenance.method, m.provenance.component) for m in annotated.mentions} == {("machine", "entities")}
    assert all(0 < m.provenance.confidence <= 1 for m in annotated.mentions)


def test_index_resolves_by_surname_and_slug_makes_ids(registry):
    index = AliasIndex(registry)
    assert index.resolve("Tokayev", "PERSON")[0] == "tokayev"
    assert index.resolve("Al-Nusra", "ORG")[0] == "al-nusra"
    assert person_surname("Interim President") is None
    assert slug("Union of Muslims (Almaty)") == "union-of-muslims-almaty"


def test_a_body_after_a_country_name_is_that_country_s_body(pipeline, annotate_text):
    annotated = annotate_text("Kosovo police said 76 children landed at the airport.")
    assert mention_pairs(annotated) == [("Kosovo police", "police-of-kosovo")]
    assert pipeline.proposed["police-of-kosovo"].type == "GovernmentBody"


def test_a_body_after_a_country_adjective_is_that_country_s_not_another_s(annotate_text):
    annotated = annotate_text(
        "Kyrgyzstan brought back 79 children from Iraq. The Kyrgyz Foreign Ministry thanked Iraq for its help."
    )
    assert ("Foreign Ministry", "foreign-ministry-of-kyrgyzstan") in mention_pairs(annotated)
    assert "iraq-mfa" not in {e for _, e in mention_pairs(annotated)}


def test_a_country_is_never_a_person(pipeline, annotate_text):
    annotated = annotate_text("Kazakstan also brought back 14 children from Iraq. Uzbekistan has run its own flights.")
    assert mention_pairs(annotated) == [("Kazakstan", "kazakhstan"), ("Iraq", "iraq"), ("Uzbekistan", "uzbekistan")]
    assert pipeline.proposed["uzbekistan"].type == "Country"


def test_a_region_is_a_place_and_a_dateline_in_capitals_is_not_a_new_label(pipeline, annotate_text):
    annotated = annotate_text("TASHKENT, May 30 (Reuters) - The returnees were taken to the Mangistau region.")
    assert ("Mangistau region", "mangistau-region") in mention_pairs(annotated)
    assert pipeline.proposed["mangistau-region"].type == "Place"
    assert pipeline.proposed["tashkent"].label == "Tashkent"


def test_spans_with_digits_or_open_brackets_and_site_words_are_not_names(pipeline):
    text = "Uzbekistan Flies Home 64 Children From Iraq\n\nOctober 11, 2019 14:30 GMT\n\nSubscribe to our newsletter."
    annotated = pipeline(Article(id="j", text=text, title="", outlet="Wire"))
    labels = {pipeline.proposed[e].label for m in annotated.mentions for e in m.entities if e in pipeline.proposed}
    assert not any(c.isdigit() for label in labels for c in label)
    assert not labels & {"GMT", "Subscribe", "Uzbekistan Flies Home"}


def test_the_outlet_s_own_name_in_a_dateline_is_the_outlet(pipeline):
    annotated = pipeline(Article(id="ap", text="PRISTINA, Kosovo (AP) — Kosovo police said so.", title="", outlet="AP"))
    assert ("AP", "ap") in mention_pairs(annotated)


def test_an_unknown_outlet_is_named_from_the_site_not_unknown(pipeline):
    annotated = pipeline(
        Article(id="u", text="Syria.", title="", outlet="unknown", url="https://www.example-news.org/a/1")
    )
    assert pipeline.proposed[annotated.article.outlet].label == "example-news.org"


def test_a_city_of_the_gazetteer_is_a_place_not_an_organisation(pipeline, annotate_text):
    annotated = annotate_text("The women had been held in a camp and were flown to Erbil before going home.")
    erbil = [e for m in annotated.mentions for e in m.entities if m.span.quote == "Erbil"]
    assert erbil and pipeline.proposed[erbil[0]].type == "Place"


def test_an_article_naming_no_outlet_gets_a_placeholder_that_reads_as_one(pipeline):
    annotated = pipeline(Article(id="n", text="Kazakhstan brought 14 children home from Iraq.", title="", outlet=""))
    outlet = pipeline.proposed[annotated.article.outlet]
    assert (outlet.label, outlet.type) == ("unnamed outlet", "MediaOutlet")
    assert "placeholder" in outlet.description and "not a speaker" in outlet.description
