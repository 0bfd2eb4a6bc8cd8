import subprocess
import sys

import pytest

import kg.annotate
from kg.annotate.components import Draft, component, unregister
from kg.annotate.pipeline import DEFAULT_PIPELINE
from kg.annotate.registrations import BUILT_IN, get_component, populate, registered_components


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_every_component_of_the_default_pipeline_is_registered_in_one_place():
    assert [c.name for c in BUILT_IN] == list(DEFAULT_PIPELINE)
    assert set(DEFAULT_PIPELINE) <= set(registered_components())


def test_a_built_in_component_names_its_function_and_declarations():
    nlp = get_component("nlp")
    assert (nlp.func.__module__, nlp.func.__name__) == ("kg.annotate.nlp", "nlp_component")
    assert (nlp.requires, nlp.assigns, nlp.batch) == (("article",), ("doc", "prose"), True)


def test_importing_the_component_modules_registers_nothing():
    code = (
        "import kg.annotate.attribution, kg.annotate.events, kg.annotate.quantities, kg.annotate.relations\n"
        "from kg.annotate.components import registered\n"
        "print(sorted(registered()))"
    )
    assert _run(code) == "[]"


def test_a_users_component_under_a_built_in_name_keeps_its_place():
    code = (
        "from kg.annotate.components import component\n"
        "from kg.annotate.registrations import get_component\n"
        "@component('dates', requires=('doc',), assigns=('dates',))\n"
        "def my_dates(doc):\n"
        "    return doc\n"
        "print(get_component('dates').func.__name__)"
    )
    assert _run(code) == "my_dates"


def test_populating_twice_changes_nothing():
    @component("echo", requires=("article",), assigns=("article",))
    def echo(doc: Draft) -> Draft:
        return doc

    try:
        before = registered_components()
        populate()
        assert registered_components() == before
    finally:
        unregister("echo")


def test_name_keys_import_without_the_pipeline_or_its_libraries():
    code = (
        "import sys\n"
        "from kg.annotate.normalise import name_key\n"
        "heavy = ('spacy', 'trafilatura', 'rapidfuzz', 'dateparser', 'kg.annotate.pipeline', 'kg.annotate.components')\n"
        "print(name_key('Kasym-Zhomart Tokayev'), [m for m in heavy if m in sys.modules])"
    )
    assert _run(code) == "kasim jomart tokaev []"


@pytest.mark.parametrize("name", kg.annotate.__all__)
def test_every_name_the_package_exports_imports_from_it(name):
    assert getattr(kg.annotate, name) is not None
    assert name in dir(kg.annotate)


def test_an_unknown_name_of_the_package_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        kg.annotate.no_such_thing  # noqa: B018
