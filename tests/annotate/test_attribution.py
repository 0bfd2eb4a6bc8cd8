def speakers(annotated):
    return [(s.speaker, s.span.quote) for s in annotated.statements]


def test_x_said_makes_x_the_speaker_of_what_it_governs(annotate_text):
    annotated = annotate_text("Kassym-Jomart Tokayev said the children went to schools.", published="2019-05")
    assert speakers(annotated) == [("tokayev", "Kassym-Jomart Tokayev said the children went to schools.")]


def test_according_to_names_the_speaker(annotate_text):
    annotated = annotate_text("The women found jobs, according to the National Security Committee of Kazakhstan.")
    assert [s for s, _ in speakers(annotated)] == ["knb"]


def test_a_pronoun_speaker_is_the_last_person_named(annotate_text):
    annotated = annotate_text(
        "Nursultan Nazarbayev spoke in January.\n\nThe women abandoned their radical past, he said.",
        published="2019-01",
    )
    assert speakers(annotated) == [("nazarbayev", "The women abandoned their radical past, he said.")]


def test_a_quotation_goes_on_with_the_same_speaker(annotate_text):
    text = "“State bodies helped the arrived citizens,” Tokayev said. “They received medical assistance.”"
    annotated = annotate_text(text, published="2019-05")
    assert speakers(annotated) == [("tokayev", text)]


def test_speech_verbs_inside_a_quotation_do_not_change_the_speaker(annotate_text):
    text = "“Kazakhstan confirms its commitment to help its citizens. None will be left behind,” Tokayev said."
    annotated = annotate_text(text, published="2019-05")
    assert speakers(annotated) == [("tokayev", text)]


def test_a_named_person_beats_the_outlet_relaying_it(annotate_text):
    annotated = annotate_text(
        "Tokayev says 231 Kazakh citizens have been repatriated, RFE/RL reported.", published="2019-05"
    )
    (claim,) = [c for c in annotated.claims if c.quantity is not None]
    assert claim.speaker == "tokayev"


def test_nobody_named_leaves_the_outlet_as_speaker(annotate_text):
    annotated = annotate_text("Tajikistan repatriated 84 minors from Iraq.", outlet="The Times of Central Asia")
    assert speakers(annotated) == []
    assert [c.speaker for c in annotated.claims if c.quantity is not None] == ["tca"]


def quantity_speakers(annotated):
    return [(c.quantity.value, c.speaker) for c in annotated.claims if c.quantity is not None]


def test_the_statement_speaks_for_the_body_that_issued_it_across_a_quotation(annotate_text):
    annotated = annotate_text(
        "The National Security Committee of Kazakhstan reported on Friday that the operation was over.\n\n"
        "“Between May 7 and 9, 231 citizens were evacuated from Syria. Among them are 156 children,” "
        "the statement reads.",
        published="2019-05-10",
    )
    assert quantity_speakers(annotated) == [(231, "knb"), (156, "knb")]


def test_the_ministry_said_is_the_ministry_named_before(annotate_text):
    annotated = annotate_text(
        "Kazakhstan's Foreign Ministry announced the return on Tuesday.\n\n"
        "The group of 48 women and 108 children arrived on a special flight, the ministry said."
    )
    assert quantity_speakers(annotated) == [(48, "kazakh-mfa"), (108, "kazakh-mfa")]


def test_as_stated_by_the_ministry_names_the_ministry(annotate_text):
    annotated = annotate_text(
        "Kazakhstan's Foreign Ministry announced the return on Tuesday. "
        "In total, 220 citizens have returned this year, as stated by the ministry."
    )
    assert quantity_speakers(annotated) == [(220, "kazakh-mfa")]


def test_the_office_said_is_the_body_that_spoke_before(annotate_text):
    annotated = annotate_text(
        "Twenty children were flown home, the National Security Committee of Kazakhstan told reporters.\n\n"
        "The group included 15 girls, the office said."
    )
    assert quantity_speakers(annotated) == [(20, "knb"), (15, "knb")]


def test_a_surname_after_the_full_name_is_the_person_whatever_the_ner_thought(annotate_text):
    annotated = annotate_text(
        "“The children were met by relatives,” said Olga Semyonova, an adviser to the commissioner.\n\n"
        "In total, 112 children have been returned from Iraq, Semyonova said."
    )
    assert quantity_speakers(annotated) == [(112, "olga-semyonova")]


def test_the_deputy_minister_said_is_the_person_named_with_that_title(annotate_text):
    annotated = annotate_text(
        "Deputy Justice Minister Valon Gashi told reporters that the men were detained.\n\n"
        "The women will be held under house arrest, the deputy minister said."
    )
    assert speakers(annotated) == [
        ("valon-gashi", "Deputy Justice Minister Valon Gashi told reporters that the men were detained."),
        ("valon-gashi", "The women will be held under house arrest, the deputy minister said."),
    ]


def test_a_dateline_before_the_subject_is_not_the_speaker(annotate_text):
    annotated = annotate_text("Almaty (AFP) - Kazakhstan said Thursday it had repatriated 231 of its nationals.")
    assert quantity_speakers(annotated) == [(231, "kazakhstan")]


def test_an_unnamed_source_leaves_the_outlet_as_speaker(annotate_text):
    annotated = annotate_text("Officials say 40 children are still held in the camps.")
    assert quantity_speakers(annotated) == [(40, "tca")]
