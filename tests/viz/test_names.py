"""Names typed by a user find the entity through its label or aliases, whatever the case."""

import pytest

from kg.errors import KGError
from kg.resolve import resolve as resolve_name

NAMES = {
    "tokayev": ("Kassym-Jomart Tokayev", ["Tokayev", "Kasym-Zhomart Tokayev"]),
    "nazarbayev": ("Nursultan Nazarbayev", ["Nazarbayev"]),
    "zhusan-1": ("Operation Zhusan, January 2019", []),
    "zhusan-2": ("Operation Zhusan, May 2019", []),
    "afp": ("Agence France-Presse", ["AFP"]),
}


@pytest.mark.parametrize(
    "typed, key",
    [
        ("AFP", "afp"),
        ("afp", "afp"),
        ("tokayev", "tokayev"),
        ("KASYM-ZHOMART TOKAYEV", "tokayev"),
        ("Nursultan", "nazarbayev"),
    ],
)
def test_a_label_or_alias_in_any_case_finds_the_entity(typed, key):
    assert resolve_name(typed, NAMES) == key


def test_an_unknown_name_gives_the_closest_names():
    with pytest.raises(KGError) as caught:
        resolve_name("Tokaev", NAMES, what="focus")
    assert caught.value.code == "E801"
    assert str(caught.value).startswith("E801 unknown focus 'Tokaev'; closest: Kassym-Jomart Tokayev")


def test_a_name_shared_by_several_entities_is_ambiguous():
    with pytest.raises(KGError) as caught:
        resolve_name("zhusan", NAMES)
    assert caught.value.code == "E802"
    assert "Operation Zhusan, January 2019, Operation Zhusan, May 2019" in str(caught.value)
