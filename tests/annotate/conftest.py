"""Fixtures for the annotation pipeline: one small registry written by hand, one pipeline per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import read_registry
from kg.model import Article

REGISTRY = """
kinds:
  people: {label: people, aliases: [citizens, nationals]}
  adults: {label: adults, broader: people}
  men: {label: men, broader: adults}
  women: {label: women, broader: adults}
  children: {label: children, broader: people, aliases: [minors]}
  orphans: {label: orphans, broader: children}
  fighters: {label: fighters, broader: people, aliases: [militants]}

entities:
  tokayev:
    type: Person
    label: Kassym-Jomart Tokayev
    roles:
      - {title: President of Kazakhstan, from: 2019-03-20}
      - {title: Interim President of Kazakhstan, from: 2019-03-20, to: 2019-06-12}
  nazarbayev:
    type: Person
    label: Nursultan Nazarbayev
    roles:
      - {title: President of Kazakhstan, to: 2019-03-19}
  kazakhstan: {type: Country, label: Kazakhstan}
  tajikistan: {type: Country, label: Tajikistan}
  syria: {type: Country, label: Syria}
  iraq: {type: Country, label: Iraq}
  kuwait: {type: Country, label: Kuwait}
  russia: {type: Country, label: Russia}
  caucasus: {type: Place, label: Caucasus}
  kazakh-government: {type: GovernmentBody, label: Government of Kazakhstan}
  tajik-government: {type: GovernmentBody, label: Government of Tajikistan}
  kazakh-mfa: {type: GovernmentBody, label: Ministry of Foreign Affairs of Kazakhstan}
  kuwait-mfa: {type: GovernmentBody, label: Ministry of Foreign Affairs of Kuwait}
  iraq-mfa: {type: GovernmentBody, label: Ministry of Foreign Affairs of Iraq}
  knb: {type: GovernmentBody, label: National Security Committee of Kazakhstan}
  unicef: {type: Organisation, label: UNICEF}
  islamic-state: {type: ArmedGroup, label: Islamic State, aliases: [IS]}
  al-nusra: {type: ArmedGroup, label: Al-Nusra Front}
  sdf: {type: ArmedGroup, label: Syrian Democratic Forces}
  rferl: {type: MediaOutlet, label: Radio Free Europe/Radio Liberty}
  tca: {type: MediaOutlet, label: The Times of Central Asia}
  kazakh-returnees: {type: Group, label: Kazakh citizens returned from Syria and Iraq}
  kazakh-foreign-fighters: {type: Group, label: Kazakhstanis who joined armed groups abroad}
  zhusan: {type: Operation, label: Operation Zhusan}
  zhusan-1: {type: Operation, label: "Operation Zhusan, January 2019", phase_of: zhusan}
  zhusan-2: {type: Operation, label: "Operation Zhusan, May 2019", phase_of: zhusan}
  astana-talks: {type: Event, label: Astana talks on Syria, aliases: [series of talks on Syria]}
"""


@pytest.fixture(scope="session")
def registry_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "registry.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def registry(registry_file):
    return read_registry(registry_file)


@pytest.fixture(scope="session")
def pipeline(registry):
    """The default pipeline over the small registry; the spaCy model is loaded once for the session."""
    from kg.annotate.pipeline import Pipeline

    return Pipeline(registry)


@pytest.fixture
def annotate_text(pipeline):
    """Annotate a hand-written text: annotate_text(text, published=None, outlet="Wire") -> Annotated."""

    def run(text: str, published: str | None = None, outlet: str = "The Times of Central Asia"):
        article = Article(id="t", text=text, title=text.split("\n")[0], outlet=outlet, published=published)
        return pipeline(article)

    return run


def mention_pairs(annotated) -> list[tuple[str, str]]:
    """(quote, entity) for every mention, in text order."""
    return [(m.span.quote, "+".join(m.entities)) for m in annotated.mentions]
