"""Template filling: any template and any values give a RenderResult, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.templates import RenderResult, placeholders_in, render

_names = st.sampled_from(["first_name", "company", "goal", "x1", "Bad Name", "", " first_name "])
_pieces = st.lists(
    st.sampled_from(["{", "}", "{{", "}}", "{first_name}", "{company}", "{nope}", "{ }", "\x00"])
    | st.text(max_size=30),
    max_size=20,
).map("".join)
_values = st.dictionaries(_names | st.text(max_size=10), st.none() | st.text(max_size=50))


@settings(max_examples=400, deadline=None)
@given(template=_pieces | st.text(max_size=300), values=_values)
def test_any_template_and_values_render_with_problems_reported_in_place(
    template: str, values: dict[str, str | None]
) -> None:
    result = render(template, values)
    assert isinstance(result, RenderResult)
    for problem in result.problems:
        assert 0 <= problem.start < problem.end <= len(template)
        assert problem.message
    assert result.ok == (not result.problems)
    assert isinstance(placeholders_in(template), list)


@given(values=st.dictionaries(st.just("first_name"), st.text(max_size=50)))
def test_values_are_inserted_literally_and_never_read_as_placeholders(
    values: dict[str, str],
) -> None:
    result = render("Hi {first_name}!", values, known=frozenset({"first_name"}))
    assert result.text == f"Hi {values.get('first_name', '')}!"
    assert result.ok


def test_unknown_and_lone_braces_stay_in_the_text_and_are_reported() -> None:
    result = render("Hi {name} {", {"first_name": "Ada"})
    assert result.text == "Hi {name} {"
    assert [p.message for p in result.problems] == [
        "Unknown placeholder {name}",
        "Lone '{': write '{{' for a brace",
    ]
