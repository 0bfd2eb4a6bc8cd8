from decimal import Decimal

from rdflib import XSD, Literal

from kg.model import Claim, Span
from kg.namespace import ID, KG
from kg.terms import (
    RDFLIB_TERMS,
    ConstantTerms,
    claim_iri,
    claim_key,
    date_literal,
    date_term,
    digest,
    number_term,
    quantity_iri,
)
from kg.vocab import ENTITY_TYPES, STATUS_IRI, date_datatype


def test_date_terms_have_the_datatype_of_their_precision():
    for value in ("2019", "2019-05", "2019-05-10"):
        assert date_term(RDFLIB_TERMS, value) == date_literal(value) == Literal(value, datatype=date_datatype(value))


def test_whole_numbers_are_integers_and_others_decimals():
    assert number_term(RDFLIB_TERMS, Decimal("47.0")) == Literal("47", datatype=XSD.integer)
    assert number_term(RDFLIB_TERMS, Decimal("42.3")) == Literal("42.3", datatype=XSD.decimal)


def test_a_claim_key_passed_along_names_the_same_iris():
    claim = Claim(Span(0, 5, "47 me"), "afp", "kz", "repatriated", object="op")
    key = claim_key(claim)
    assert claim_iri("a1", claim, key) == claim_iri("a1", claim) == ID[f"claim/a1/{key}"]
    assert quantity_iri("a1", claim, key) == ID[f"quantity/a1/{key}"]


def test_a_plan_and_a_report_in_one_sentence_are_two_claims():
    from kg.model import Quantity

    text = "14 children returned and 14 more will follow"
    done = Claim(Span(0, len(text), text), "mfa", "kz", "returned", quantity=Quantity(value=14, kind="children"))
    plan = Claim(**{**done.__dict__, "modality": "planned", "scope": "increment"})
    assert claim_key(done) != claim_key(plan)
    # the defaults change no id: the key is the digest it was before modality, scope and as_of existed
    assert claim_key(done) == digest(0, len(text), "kz", "returned", repr(done.quantity), "mfa")


def test_the_constant_terms_cover_every_entity_type_and_status():
    constants = ConstantTerms.of(RDFLIB_TERMS)
    assert constants is ConstantTerms.of(RDFLIB_TERMS)
    assert {name: str(cls) for name, cls in constants.entity_class.items()} == {
        name: str(KG[name]) for name in ENTITY_TYPES
    }
    assert constants.status == STATUS_IRI
