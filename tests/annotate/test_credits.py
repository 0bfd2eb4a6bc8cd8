"""Credit lines put the relayed outlet in ``via``."""

import pytest

from kg.annotate.components import Context, Draft
from kg.annotate.credits import find_credits
from kg.model import Article, Entity, Registry

REGISTRY = Registry(
    {
        "afp": Entity("afp", "MediaOutlet", "Agence France-Presse", aliases=("AFP",)),
        "reuters": Entity("reuters", "MediaOutlet", "Reuters"),
        "site": Entity("site", "MediaOutlet", "Site News"),
        "almaty": Entity("almaty", "Place", "Almaty"),
    }
)


def via(text, outlet="site"):
    doc = Draft(article=Article(id="a", text=text, title="", outlet=outlet), context=Context(REGISTRY))
    return find_credits(doc).article.via


@pytest.mark.parametrize(
    "text",
    [
        "Headline\n\nKazakhstan returned 231 citizens.\n\nWith reporting from AFP\n",
        "Headline\n\nKazakhstan returned 231 citizens.\n\n(Additional reporting by Agence France-Presse)\n",
        "Headline\n\nKazakhstan returned 231 citizens.\n\nAFP contributed reporting.\n",
        "Headline\n\nAlmaty (AFP) - Kazakhstan returned 231 citizens.\n",
        "Headline\n\nAFP\n\nKazakhstan returned 231 citizens.\n",
    ],
)
def test_a_credit_line_names_the_relayed_outlet(text):
    assert via(text) == ("afp",)


def test_the_articles_own_outlet_in_its_dateline_is_not_a_relay():
    assert via("Headline\n\nALMATY, May 10 (Reuters) - Kazakhstan returned 231 citizens.\n", outlet="reuters") == ()


def test_reporting_by_staff_and_places_are_not_outlets():
    text = "Headline\n\nAlmaty\n\nKazakhstan returned 231 citizens.\n\n(Reporting by newsroom staff; Editing by the desk)\n"
    assert via(text) == ()
