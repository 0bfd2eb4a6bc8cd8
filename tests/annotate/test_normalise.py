from kg.annotate.normalise import bag_key, demonyms, name_key, singular, word_key


def test_transliteration_variants_share_a_key():
    assert name_key("Kasym-Zhomart Tokayev") == name_key("Kassym-Jomart Tokayev") == name_key("Qasym-Zhomart Toqaev")
    assert name_key("Zhusan") == name_key("Jusan")
    assert name_key("Rakhymberdiyev") == name_key("Rahimberdiev")


def test_different_names_keep_different_keys():
    assert name_key("Tokayev") != name_key("Nazarbayev")
    assert word_key("Iran") != word_key("Iraq")


def test_bag_key_ignores_word_order_and_possessives():
    assert bag_key("Kazakhstan’s Committee for National Security") == bag_key(
        "National Security Committee of Kazakhstan"
    )


def test_demonyms_by_suffix_rules():
    assert {"Kazakh", "Kazakhstani"} <= demonyms("Kazakhstan")
    assert "Syrian" in demonyms("Syria")
    assert "Swedish" in demonyms("Sweden")
    assert "Afghan" in demonyms("Afghanistan")
    assert demonyms("United States") == set()


def test_singular_of_counted_nouns():
    assert [singular(w) for w in ("children", "minors", "orphans", "women", "families")] == [
        "child",
        "minor",
        "orphan",
        "woman",
        "family",
    ]
