"""One resolver for every name a user types: ids, labels, aliases, folded spellings, clear errors."""

import pytest

import kg
from kg.resolve import find, fold_name, resolve, suggest

ID = "https://kg.example.org/id/"
NAMES = {
    ID + "tokayev": ("Kassym-Jomart Tokayev", ["Tokayev", "Kasym-Zhomart Tokayev"]),
    ID + "nazarbayev": ("Nursultan Nazarbayev", ["Nazarbayev"]),
    ID + "zhusan-1": ("Operation Zhusan, January 2019", []),
    ID + "zhusan-2": ("Operation Zhusan, May 2019", []),
    ID + "afp": ("Agence France-Presse", ["AFP"]),
    ID + "mfa-a": ("Foreign Ministry", ["MFA"]),
    ID + "mfa-b": ("Ministry of Foreign Affairs", ["MFA"]),
}


@pytest.mark.parametrize("typed", ["id:tokayev", "ID:TOKAYEV", ID + "tokayev", "tokayev"])
def test_an_id_in_any_form_finds_the_entity(typed):
    assert resolve(typed, NAMES) == ID + "tokayev"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Kassym-Jomart Tokayev", "tokayev"),
        ("kassym jomart TOKAYEV", "tokayev"),  # case and punctuation folded
        ("  Agence France‑Presse ", "afp"),  # a non-breaking hyphen, spaces around
        ("afp", "afp"),
        ("Nursultan", "nazarbayev"),  # whole words of a label
        ("operation zhusan may", "zhusan-2"),
    ],
)
def test_a_label_or_alias_folded_finds_the_entity(typed, key):
    assert resolve(typed, NAMES) == ID + key


def test_exact_names_come_before_whole_words():
    names = {"a": ("Kazakhstan", []), "b": ("Kazakhstan Foreign Ministry", [])}
    assert resolve("kazakhstan", names) == "a"
    assert find("kazakhstan", names) == ["a"]


def test_folding_keeps_letters_and_digits_only():
    assert fold_name("Kazakhstan’s Şeker-2") == "kazakhstan s seker 2"


def test_a_typo_suggests_the_entity_its_spelling_names_first():
    assert suggest("Tokaev", NAMES)[0] == (ID + "tokayev", "Tokayev")
    with pytest.raises(kg.KGError) as caught:
        resolve("Tokaev", NAMES, what="focus")
    assert caught.value.code == "E801"
    assert str(caught.value).startswith("E801 unknown focus 'Tokaev'; closest: Kassym-Jomart Tokayev, ")


def test_a_transliteration_is_suggested_not_taken():
    with pytest.raises(kg.KGError, match=r"E801 .*closest: 'Kassym-Jomart Tokayev'"):
        resolve("Qasym-Zhomart Toqaev", NAMES, where=" in the actors view", show="name")


def test_a_name_of_several_entities_is_ambiguous_and_lists_their_ids():
    with pytest.raises(kg.KGError) as caught:
        resolve("mfa", NAMES)
    assert caught.value.code == "E802"
    assert str(caught.value) == (
        "E802 ambiguous name 'mfa': it names Foreign Ministry (id:mfa-a), Ministry of Foreign Affairs (id:mfa-b); "
        "give the full name or the id"
    )
    assert find("zhusan", NAMES) == [ID + "zhusan-1", ID + "zhusan-2"]


def test_analysis_and_views_suggest_the_same_entities(seed_store):
    import kg.analysis
    import kg.viz

    G = kg.analysis.to_networkx(seed_store, view="actors")
    with pytest.raises(kg.KGError) as analysis:
        kg.analysis.resolve(G, "Tokaev")
    with pytest.raises(kg.KGError) as views:
        kg.viz.build_view(seed_store, focus="Tokaev")
    assert analysis.value.code == views.value.code == "E801"
    assert "closest: 'Tokayev'" in str(analysis.value)
    assert "closest: Kassym-Jomart Tokayev" in str(views.value)
