"""Counted nouns: the one helper behind every "1 commit" and "2 commits"."""

from __future__ import annotations

import pytest

from deckgen.plural import plural, plural_of


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "commit", "0 commits"),
        (1, "commit", "1 commit"),
        (2, "commit", "2 commits"),
        (1, "repository", "1 repository"),
        (3, "repository", "3 repositories"),
        (1234567, "commit", "1,234,567 commits"),
        (1, "new contributor", "1 new contributor"),
        (5, "new contributor", "5 new contributors"),
        (2, "release-note entry", "2 release-note entries"),
        (2, "day", "2 days"),
        (2, "patch", "2 patches"),
        (2, "person", "2 people"),
        (1.0, "day", "1 day"),
        (7.0, "day", "7 days"),
        (7.5, "day", "7.5 days"),
    ],
)
def test_plural(count: int | float, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_an_explicit_plural_and_the_noun_alone() -> None:
    assert plural(2, "slide image", "pictures") == "2 pictures"
    assert plural(1, "release", number=False) == "release"
    assert plural(4, "release", number=False) == "releases"


def test_plural_of_keeps_the_words_before_the_last() -> None:
    assert plural_of("bot commit") == "bot commits"
    assert plural_of("key") == "keys"


@pytest.mark.parametrize("count", [True, "3", None])
def test_plural_refuses_what_is_not_a_number(count: object) -> None:
    with pytest.raises(TypeError, match="expected a number"):
        plural(count, "commit")  # type: ignore[arg-type]


def test_the_jinja_filter_outline_authors_use() -> None:
    from deckgen.text import make_environment

    env = make_environment()
    template = env.from_string(
        "{{ n | plural('release') }}; {{ n | plural('person', 'people') }}; "
        "{{ n | plural('release', number=False) }}"
    )
    assert template.render(n=1) == "1 release; 1 person; release"
    assert template.render(n=4123) == "4,123 releases; 4,123 people; releases"
