"""store/words/sentences.py: one sentence splitter, used by excerpts, claims and the quotes on screen."""

from __future__ import annotations

from store.models import Excerpt, QuoteSelector
from store.pipeline.ingest import MAX_EXCERPT, excerpt_spans
from store.words.sentences import sentence_spans
from tui.format import relevant_spans

US_JAPAN = "The U.S. and Japan signed the treaty in 1960. It has been revised since. Gen. Smith said so."


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_an_abbreviation_ends_no_sentence() -> None:
    assert sentences(US_JAPAN) == [
        "The U.S. and Japan signed the treaty in 1960.",
        "It has been revised since.",
        "Gen. Smith said so.",
    ]


def test_initials_end_no_sentence_and_a_closing_quote_stays_with_its_sentence() -> None:
    text = 'John F. Kennedy spoke. "We will," he said. (It was 1961.) Then he left!'
    assert sentences(text) == ["John F. Kennedy spoke.", '"We will," he said.', "(It was 1961.)", "Then he left!"]


def test_a_lower_case_word_after_a_full_stop_goes_on_the_sentence() -> None:
    assert sentences("Talks ended at 5 p.m. and resumed later.") == ["Talks ended at 5 p.m. and resumed later."]


def test_excerpts_of_a_long_paragraph_are_cut_where_sentences_end() -> None:
    paragraph = " ".join([US_JAPAN] * (MAX_EXCERPT // len(US_JAPAN) + 3))
    cuts = list(excerpt_spans(paragraph))
    starts = {s for s, _ in sentence_spans(paragraph)}
    assert len(cuts) > 1
    for s, e, _ in cuts:
        assert s in starts, paragraph[s:s + 30]  # never "and Japan signed …" nor "Smith said so."
        assert e - s <= MAX_EXCERPT


def test_the_quote_on_screen_is_cut_at_the_same_sentences() -> None:
    exact = US_JAPAN * 1 + " " + "x" * 600
    excerpt = Excerpt(id="exc:a:001", source_id="src:a", start=0, end=len(exact), quote=QuoteSelector(exact=exact))
    spans = relevant_spans(excerpt, (), limit=100)
    assert [exact[s:e] for s, e in spans][0] == "The U.S. and Japan signed the treaty in 1960."
