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
