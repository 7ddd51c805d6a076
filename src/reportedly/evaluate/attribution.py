"""Scoring attribution extraction on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Two protocols:

* CofeNet (Wang et al., COLING 2022): source, cue and content spans scored as sets per article,
  exact match and begin match (same first character), micro precision, recall and F1. Each
  fragment of a discontinuous gold span counts as one span, as in CofeNet's BIO tagging.
* Gender Gap Tracker (Asr et al. 2021): a gold quotation (an attribution's content) is found when
  a predicted content overlaps it by at least a share of the gold length; gold quotations are
  matched greedily, one-to-one, in gold order. Speaker accuracy is the share of matched
  quotations whose predicted speaker overlaps the gold source.
* Statements only (`reportedly eval attribution --quotes`): the GGT protocol at 0.3 on what a
  quote tracker counts, statements. Our side: attributions of kind `statement`. PolNeAR's side: its
  attributions whose cue is a statement under the same rule (`extract.attribution.kinds.kind_of` on
  the gold cue's verb in our parse, the gold source's head and whether the gold content is words),
  so beliefs ("analysts believe"), findings ("the audit found") and decisions ("declined to review")
  leave both sides. PolNeAR has no kind of its own: the gold side's kinds are this reading of it.

PolNeAR's spans follow its guidelines, ours the output contract; the mapping is mechanical and
written here: a direct quotation's content includes its quote marks in PolNeAR, an indirect
content its complementizer "that", a source the comma closing its apposition, and a cue the
colon before a quotation. PolNeAR is research-only: it is read by path and
never copied into the repository.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportedly import registry
from reportedly.model import Attribution, AttributionKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROLES = ("source", "cue", "content")
# GGT overlap thresholds: a loose match (0.3) and a near-exact one (0.8).
OVERLAP_THRESHOLDS = (0.3, 0.8)
_QUOTE_MARKS = "“”\"«»„'`‘’"
# What separates a content's side from the speaker and cue inserted in it: spaces, commas, dashes.
_SIDE_GAP = " \n\t,—–-"
# The statements-only quote protocol's overlap: GGT's loose match.
QUOTE_OVERLAP = 0.3

Spans = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: each role as a list of fragments (character ranges)."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One PolNeAR article with its attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(slots=True)
class Counts:
    """True positives and totals for one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    def prf(self) -> dict[str, float]:
        """Precision, recall and F1 in percent."""
        p = 100 * self.tp / self.pred if self.pred else 0.0
        r = 100 * self.tp / self.gold if self.gold else 0.0
        return {"p": round(p, 1), "r": round(r, 1), "f1": round(2 * p * r / (p + r), 1) if p + r else 0.0}


@dataclass(slots=True)
class Score:
    """Every measure over a set of articles."""

    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    begin: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    quote: dict[float, Counts] = field(default_factory=lambda: {t: Counts() for t in OVERLAP_THRESHOLDS})
    speaker: dict[float, Counts] = field(default_factory=lambda: {t: Counts() for t in OVERLAP_THRESHOLDS})
    articles: int = 0

    def summary(self) -> dict[str, object]:
        """Plain figures: F1 (with P and R) per role and protocol, quote F1 and speaker accuracy."""
        out: dict[str, object] = {"articles": self.articles}
        for role in ROLES:
            out[f"{role}_exact"] = self.exact[role].prf()
            out[f"{role}_begin"] = self.begin[role].prf()
        for t in OVERLAP_THRESHOLDS:
            out[f"quote_{t}"] = self.quote[t].prf()
            sp = self.speaker[t]
            out[f"speaker_accuracy_{t}"] = round(100 * sp.tp / sp.gold, 1) if sp.gold else 0.0
        return out


def _spans(field_text: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (frag.split() for frag in field_text.split(";")))


def read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    """The attributions of one BRAT .ann file (E lines with their Source, Cue and Content)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            role, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (role, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        get = {
            role: spans[ev[role.capitalize()]][1] if ev.get(role.capitalize()) in spans else ()
            for role in ROLES
        }
        out.append(GoldAttribution(get["source"], get["cue"], get["content"]))
    return tuple(out)


def load_polnear(root: Path, split: str, limit: int | None = None) -> list[GoldDoc]:
    """PolNeAR articles of one split; where several annotators did an article, the first by name.

    Args:
        root: the PolNeAR folder (with train/, dev/, ...).
        split: "train", "dev" or "test".
        limit: read only the first `limit` articles (sorted by name), for quick gates.

    Returns:
        GoldDoc records, sorted by article name.
    """
    folder = root / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"{folder}/text not found: pass --data pointing at the PolNeAR folder")
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(chosen)[:limit] if limit else sorted(chosen)
    return [GoldDoc(n, (folder / "text" / f"{n}.txt").read_text("utf-8"), read_ann(chosen[n])) for n in names]


def to_polnear(text: str, att: Attribution) -> dict[str, Spans]:
    """Our attribution's role spans in PolNeAR's conventions (quote marks, "that" included)."""
    start, end = att.content.start, att.content.end
    if att.direct:
        if start > 0 and text[start - 1] in _QUOTE_MARKS:
            start -= 2 if start > 1 and text[start - 2 : start] in ("``", "''") else 1
        if end < len(text) and text[end] in _QUOTE_MARKS:
            end += 2 if text[end : end + 2] == "''" else 1
    if text[max(0, start - 5) : start].lower() == "that ":
        start -= 5
    source = []
    if att.speaker.start is not None and att.speaker.end is not None:
        # An apposition's closing comma belongs to the source in PolNeAR ("Jim Poolman, a delegate,").
        closing = "," in att.speaker.text and text[att.speaker.end : att.speaker.end + 1] == ","
        source = [(att.speaker.start, att.speaker.end + closing)]
    cue_end = att.cue.end
    if (
        att.direct
        and text[cue_end : cue_end + 1] == ":"
        and text[cue_end + 1 : cue_end + 3].strip() in _QUOTE_MARKS
    ):
        cue_end += 1  # PolNeAR's cue takes in the colon before a quotation: 'said:'
    return {"source": source, "cue": [(att.cue.start, cue_end)], "content": _sides(text, att, start, end)}


def _sides(text: str, att: Attribution, start: int, end: int) -> Spans:
    """A content that runs over its own speaker and cue ('“A,” he said, “B.”') as PolNeAR's two
    fragments: the words before the crediting words and after them, without the commas between."""
    credit = [(att.cue.start, att.cue.end)]
    if att.speaker.start is not None and att.speaker.end is not None:
        credit.append((att.speaker.start, att.speaker.end))
    lo, hi = min(a for a, _ in credit), max(b for _, b in credit)
    if not start < lo < hi < end:
        return [(start, end)]
    if att.direct:  # each side is a quotation with its marks; words between them credit it
        left = max(text.rfind(m, start, lo) for m in _QUOTE_MARKS) + 1
        right = min((i for m in _QUOTE_MARKS if (i := text.find(m, hi, end)) >= 0), default=end)
        if start < left and right < end:
            return [(start, left), (right, end)]
    left, right = lo, hi
    while left > start and text[left - 1] in _SIDE_GAP:
        left -= 1
    while right < end and text[right] in _SIDE_GAP:
        right += 1
    return [(start, left), (right, end)]


def _begin_matches(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> int:
    return sum((Counter(s for s, _ in pred) & Counter(s for s, _ in gold)).values())


def _length(frags: Iterable[tuple[int, int]]) -> int:
    return sum(e - s for s, e in frags)


def _overlap(frags: Iterable[tuple[int, int]], spans: Spans) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for s, e in frags for a, b in spans)


def score_doc(score: Score, doc: GoldDoc, predicted: list[Attribution]) -> None:
    """Add one article's counts to `score`.

    Args:
        score: the running totals.
        doc: the gold article.
        predicted: our attributions on `doc.text`.
    """
    score.articles += 1
    mapped = [to_polnear(doc.text, att) for att in predicted]
    for role in ROLES:
        gold = {f for g in doc.attributions for f in getattr(g, role)}
        pred = {s for m in mapped for s in m[role]}
        score.exact[role].add(len(gold & pred), len(pred), len(gold))
        score.begin[role].add(_begin_matches(pred, gold), len(pred), len(gold))
    quotes = [g for g in doc.attributions if g.content]
    contents = [m["content"] for m in mapped]
    for t in OVERLAP_THRESHOLDS:
        pairs = match_quotes(quotes, contents, t)
        speakers = sum(_speaker_right(predicted[p], quotes[g]) for g, p in pairs)
        score.quote[t].add(len(pairs), len(mapped), len(quotes))
        score.speaker[t].add(speakers, 0, len(pairs))


def match_quotes(
    gold: list[GoldAttribution], contents: list[Spans], threshold: float
) -> list[tuple[int, int]]:
    """GGT matching: each gold quotation, in gold order, takes the free predicted content that
    overlaps it most, when that overlap is at least `threshold` of the gold length (one-to-one).

    Args:
        gold: gold attributions with a content.
        contents: predicted contents in PolNeAR's conventions (each its fragments).
        threshold: share of the gold content's length a match must cover.

    Returns:
        (gold index, predicted index) pairs.
    """
    free = list(range(len(contents)))
    pairs = []
    for n, g in enumerate(gold):
        length = _length(g.content) or 1
        best = max(free, key=lambda i: _overlap(g.content, contents[i]), default=None)
        if best is None or _overlap(g.content, contents[best]) / length < threshold:
            continue
        free.remove(best)
        pairs.append((n, best))
    return pairs


def _speaker_right(att: Attribution, gold: GoldAttribution) -> bool:
    """The GGT speaker check: our speaker's span overlaps the gold source, or, for a pronoun, title or
    floating quotation's speaker, the earlier mention it stands for does (a quote tracker compares
    resolved names: "she" resolved to "Warren" is Warren). An unattributed gold wants no speaker."""
    sp = att.speaker
    spans = [(sp.start, sp.end)] if sp.start is not None and sp.end is not None else []
    if sp.antecedent is not None:
        spans.append((sp.antecedent.start, sp.antecedent.end))
    if not gold.source:
        return not spans
    return any(_overlap(gold.source, [span]) > 0 for span in spans)


Extractor = Callable[[list[str]], Iterable[list[Attribution]]]


def evaluate(docs: list[GoldDoc], extract: Extractor) -> Score:
    """Score an extractor on gold articles.

    Args:
        docs: the gold articles.
        extract: maps article texts to our attributions for each, in order.

    Returns:
        the Score over all articles.
    """
    score = Score()
    for doc, predicted in zip(docs, extract([d.text for d in docs]), strict=True):
        score_doc(score, doc, predicted)
    return score


def rules_extractor(batch_size: int = 16) -> Extractor:
    """Our pipeline's attribution extractor over raw texts (verbatim, no cleaning, no entities)."""

    def run(texts: list[str]) -> Iterable[list[Attribution]]:
        from reportedly.extract import ATTRIBUTIONS, extractor
        from reportedly.model import DocContext
        from reportedly.nlp.pipeline import make_nlp

        nlp = make_nlp()
        extract_attributions = extractor(ATTRIBUTIONS)
        for n, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
            yield extract_attributions(doc, [], DocContext(article_id=str(n)))

    return run


def render_summary(score: Score, title: str) -> object:
    """A rich Table of the figures: one row per measure, P, R and F1 (accuracy for speakers)."""
    from rich.table import Table

    table = Table(title=f"{title}: {score.articles} articles", title_justify="left")
    for col in ("measure", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, value in score.summary().items():
        if isinstance(value, dict):
            table.add_row(name, str(value["p"]), str(value["r"]), str(value["f1"]))
        elif name.startswith("speaker"):
            table.add_row(name, "", "", str(value))
    return table


def evaluate_polnear(data: Path, split: str = "dev", limit: int | None = None) -> Score:
    """Score the pipeline's attribution extractor on a PolNeAR split (`reportedly eval attribution`).

    Args:
        data: the PolNeAR folder.
        split: train, dev or test.
        limit: score only the first N articles.
    """
    return evaluate(load_polnear(data, split, limit), rules_extractor())


registry.scorers.register("scorers.attribution_polnear.v1", func=evaluate_polnear)


@dataclass(slots=True)
class QuoteScore:
    """Statements only, GGT protocol at QUOTE_OVERLAP: quote P/R/F1 and speaker accuracy."""

    quotes: Counts = field(default_factory=Counts)
    speakers: Counts = field(default_factory=Counts)  # tp: right speakers, gold: matched quotations
    articles: int = 0

    def summary(self) -> dict[str, object]:
        """Plain figures: gold and predicted statements, quote P/R/F1, speaker accuracy (percent)."""
        sp = self.speakers
        return {
            "articles": self.articles,
            "gold_statements": self.quotes.gold,
            "predicted_statements": self.quotes.pred,
            f"quote_{QUOTE_OVERLAP}": self.quotes.prf(),
            f"speaker_accuracy_{QUOTE_OVERLAP}": round(100 * sp.tp / sp.gold, 1) if sp.gold else 0.0,
        }


def gold_kind(doc: Doc, gold: GoldAttribution) -> str:
    """The kind of a PolNeAR attribution under our rule (kinds.kind_of), read from our parse of its text.

    The cue's verb is the last verb inside the gold cue ("went on to explain": explain; none for
    "according to"); the subject is the gold source's head; the content is words when it opens with
    a quote mark or the verb governs a finite clause.
    """
    from reportedly.extract.attribution.kinds import governs_act, is_name, kind_of, says_words

    verbs = [
        t
        for a, b in gold.cue
        if (span := doc.char_span(a, b, alignment_mode="expand")) is not None
        for t in span
        if t.pos_ == "VERB"
    ]
    if not verbs:
        return kind_of("", "")
    verb = verbs[-1]
    source = [
        span.root
        for a, b in gold.source[:1]
        if (span := doc.char_span(a, b, alignment_mode="expand")) is not None and len(span)
    ]
    first = min((a for a, _ in gold.content), default=0)
    direct = doc.text[first : first + 1] in _QUOTE_MARKS
    says, acts = says_words(verb, direct), governs_act(verb)
    if not source:
        return kind_of(verb.lemma_, "", says, acts=acts)
    return kind_of(verb.lemma_, source[0].lemma_.lower(), says, is_name(source[0]), acts)


def score_quotes(score: QuoteScore, gold: GoldDoc, doc: Doc, predicted: list[Attribution]) -> None:
    """Add one article's statements to `score` (module docstring: statements only).

    Args:
        score: the running totals.
        gold: the gold article.
        doc: our parse of `gold.text`, to read the gold cues' verbs.
        predicted: our attributions on it.
    """
    score.articles += 1
    statement = AttributionKind.STATEMENT.value
    quotes = [g for g in gold.attributions if g.content and gold_kind(doc, g) == statement]
    mine = [a for a in predicted if a.kind == statement]
    contents = [to_polnear(gold.text, a)["content"] for a in mine]
    pairs = match_quotes(quotes, contents, QUOTE_OVERLAP)
    score.quotes.add(len(pairs), len(mine), len(quotes))
    score.speakers.add(sum(_speaker_right(mine[p], quotes[g]) for g, p in pairs), 0, len(pairs))


Parsed = Callable[[list[str]], Iterable[tuple["Doc", list[Attribution]]]]


def parsed_extractor(batch_size: int = 16) -> Parsed:
    """Like `rules_extractor`, with each article's parse beside its attributions."""

    def run(texts: list[str]) -> Iterable[tuple[Doc, list[Attribution]]]:
        from reportedly.extract import ATTRIBUTIONS, extractor
        from reportedly.model import DocContext
        from reportedly.nlp.pipeline import make_nlp

        nlp = make_nlp()
        extract_attributions = extractor(ATTRIBUTIONS)
        for n, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
            yield doc, extract_attributions(doc, [], DocContext(article_id=str(n)))

    return run


def evaluate_quotes(docs: list[GoldDoc], extract: Parsed) -> QuoteScore:
    """Score statements only on gold articles (GGT protocol at QUOTE_OVERLAP).

    Args:
        docs: the gold articles.
        extract: maps article texts to (parse, attributions) for each, in order.
    """
    score = QuoteScore()
    for gold, (doc, predicted) in zip(docs, extract([d.text for d in docs]), strict=True):
        score_quotes(score, gold, doc, predicted)
    return score


def evaluate_polnear_quotes(data: Path, split: str = "dev", limit: int | None = None) -> QuoteScore:
    """Statements-only quote F1 and speaker accuracy on a PolNeAR split (`eval attribution --quotes`).

    Args:
        data: the PolNeAR folder.
        split: train, dev or test.
        limit: score only the first N articles.
    """
    return evaluate_quotes(load_polnear(data, split, limit), parsed_extractor())


def render_quotes(score: QuoteScore, title: str) -> object:
    """A rich Table of the statements-only figures."""
    from rich.table import Table

    summary = score.summary()
    table = Table(title=f"{title}, statements only: {score.articles} articles", title_justify="left")
    for col in ("measure", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    prf = summary[f"quote_{QUOTE_OVERLAP}"]
    assert isinstance(prf, dict)
    table.add_row(f"quote_{QUOTE_OVERLAP}", str(prf["p"]), str(prf["r"]), str(prf["f1"]))
    accuracy = summary[f"speaker_accuracy_{QUOTE_OVERLAP}"]
    table.add_row(f"speaker_accuracy_{QUOTE_OVERLAP}", "", "", str(accuracy))
    table.add_row("statements (gold / predicted)", "", "", f"{score.quotes.gold} / {score.quotes.pred}")
    return table


registry.scorers.register("scorers.attribution_quotes.v1", func=evaluate_polnear_quotes)
