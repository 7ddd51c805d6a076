"""The article lead (5W1H): who did what, when, where, why, how, read from the first sentences."""

from __future__ import annotations

from typing import Any

from reportedly.extract import analyze_doc
from reportedly.extract.lead import extract_lead
from reportedly.model import Dateline, DocContext, Lead


def _lead(nlp: Any, text: str, published: str | None = "2024-03-06",
          dateline: Dateline | None = None, title: str | None = None) -> Lead:
    doc = nlp(text)
    ctx = DocContext(article_id="t", published=published, dateline=dateline, title=title)
    entities, _, events = analyze_doc(doc, ctx)
    lead = extract_lead(doc, entities, events, ctx)
    for part in (lead.who, lead.what, lead.when, lead.where, lead.why, lead.how):
        if part is not None and part.start is not None:
            assert text[part.start:part.end] == part.text  # offsets point at their text
    return lead


def test_lead_reads_who_what_when_where_why_from_the_first_sentence(nlp: Any) -> None:
    lead = _lead(nlp, "Thousands of farmers marched in Paris on Tuesday to protest against new fuel taxes. "
                      "The march was peaceful, police said.")
    assert lead.who is not None and lead.who.text == "Thousands of farmers"
    assert lead.what is not None and lead.what.text.startswith("marched")
    assert lead.when is not None and (lead.when.text, lead.when.value) == ("Tuesday", "2024-03-05")
    assert lead.where is not None and lead.where.text == "Paris" and lead.where.country == "FRA"
    assert lead.why is not None and lead.why.text == "to protest against new fuel taxes"


def test_lead_who_is_the_reported_clause_subject_and_an_entity(nlp: Any) -> None:
    lead = _lead(nlp, "Police said Russia fired missiles at Kyiv on Monday, killing three people.")
    assert lead.who is not None and lead.who.text == "Russia" and lead.who.entity is not None
    assert lead.what is not None and lead.what.text.startswith("fired missiles")


def test_lead_how_is_a_means_phrase(nlp: Any) -> None:
    lead = _lead(nlp, "The company cut its costs by closing three factories in Ohio last year.")
    assert lead.how is not None and lead.how.text == "by closing three factories in Ohio last year"


def test_lead_falls_back_to_the_dateline_and_the_published_date(nlp: Any) -> None:
    dateline = Dateline(text="KABUL, (Xinhua) --", place="Kabul", country="AFG", agency="Xinhua")
    lead = _lead(nlp, "The ministry announced new rules for private schools.", dateline=dateline)
    assert lead.where is not None and (lead.where.source, lead.where.name, lead.where.start) == (
        "dateline", "Kabul", None)
    assert (lead.where.country, lead.where.geonameid) == ("AFG", 1138958)  # resolved as events' fallback
    assert lead.when is not None and (lead.when.source, lead.when.value) == ("published", "2024-03-06")


def test_lead_without_a_clause_or_dates_is_empty(nlp: Any) -> None:
    lead = _lead(nlp, "Photos.", published=None)
    assert lead == Lead()


def test_lead_who_is_the_name_a_title_stands_before(nlp: Any) -> None:
    lead = _lead(nlp, "Williams' veteran driver Felipe Massa failed to finish his last race at Interlagos on "
                      "Sunday.")
    assert lead.who is not None and lead.who.text == "Felipe Massa"


def test_lead_who_is_the_party_acting_when_the_subject_names_a_thing(nlp: Any) -> None:
    lead = _lead(nlp, "A chaotic Brazilian Grand Prix was suspended on lap 20 after Kimi Raikkonen crashed "
                      "out in the rain.")
    assert lead.who is not None and lead.who.text == "Kimi Raikkonen"


def test_lead_who_leaves_out_the_relative_clause_of_its_complement(nlp: Any) -> None:
    lead = _lead(nlp, "The brilliance of Max Verstappen, who overtook ten cars to finish third in Brazil, "
                      "took even his father aback.")
    assert lead.who is not None and lead.who.text == "The brilliance of Max Verstappen"
    assert lead.where is not None and lead.where.text == "Brazil"


def test_lead_when_skips_a_length_of_time(nlp: Any) -> None:
    lead = _lead(nlp, "A boy trapped down a well was found dead after over 100 hours of digging. "
                      "He fell into the well on Sunday while playing.")
    assert lead.when is not None and (lead.when.text, lead.when.value) == ("Sunday", "2024-03-03")


def test_lead_where_is_a_locative_place_not_an_origin(nlp: Any) -> None:
    lead = _lead(nlp, "The driver, a 42-year-old man from Beckenham, was arrested after the tram crashed "
                      "in Croydon on Wednesday.")
    assert lead.where is not None and lead.where.text == "Croydon"


def test_lead_where_narrows_a_country_to_a_place_in_it_and_keeps_the_noun_it_locates(nlp: Any) -> None:
    lead = _lead(nlp, "Rescuers in China are trying to reach a boy trapped down a well. "
                      "The boy fell into the well on Sunday in a village near Baoding.")
    assert lead.where is not None and lead.where.text == "Baoding" and lead.where.country == "CHN"
    lead = _lead(nlp, "A boy fell into a well while working with his father in a village in central China.")
    assert lead.where is not None and lead.where.text == "a village in central China"


def test_lead_where_is_not_a_partys_affiliation(nlp: Any) -> None:
    lead = _lead(nlp, "Sudan's army and the rival Rapid Support Forces agreed Saturday to a ceasefire during "
                      "talks in the Saudi city of Jeddah, mediators said.")
    assert lead.where is not None and lead.where.text == "Jeddah"
    lead = _lead(nlp, "Yemen's Houthi group said on Sunday it had fired missiles at a commercial ship in the "
                      "Red Sea.")
    assert lead.where is not None and lead.where.text == "the Red Sea"


def test_lead_where_is_not_a_place_describing_a_person(nlp: Any) -> None:
    lead = _lead(nlp, "Dane Chinnery, a 19-year-old Crystal Palace fan, was identified as one of the seven "
                      "dead. The tram overturned in Croydon on Wednesday.")
    assert lead.where is not None and lead.where.text == "Croydon"


TEASER = ("Fans were left fuming on Tuesday. Mondelez International has widened the gaps between the "
          "triangles of its Toblerone bars in British shops.")


def test_lead_who_is_the_first_clause_whose_subject_the_headline_names(nlp: Any) -> None:
    lead = _lead(nlp, TEASER, title="Mondelez widens the gaps in Toblerone bars")
    assert lead.who is not None and lead.who.text == "Mondelez International" and lead.who.entity is not None
    assert lead.what is not None and lead.what.text.startswith("has widened the gaps")
    without = _lead(nlp, TEASER)  # no headline: the inverted pyramid's first clause
    assert without.who is not None and without.who.text == "Fans"


def test_lead_who_is_the_person_a_headline_opens_with(nlp: Any) -> None:
    text = ("Crowds were disappointed with the result. Thousands marched through New York on Wednesday, "
            "and Lady Gaga joined them outside Trump Tower.")
    lead = _lead(nlp, text, title="Lady Gaga protests outside Trump Tower")
    assert lead.who is not None and lead.who.text == "Lady Gaga"
    assert text[lead.who.start:lead.who.end] == "Lady Gaga"
    # A one-word name, or a name the headline does not spell as one, is not taken for the headline's person.
    lead = _lead(nlp, text, title="Lady gaga protests outside Trump Tower")
    assert lead.who is not None and lead.who.text == "Crowds"


def test_lead_who_is_the_organization_a_description_stands_before(nlp: Any) -> None:
    lead = _lead(nlp, "Product makers Mondelez International have increased the gap between the peaks of "
                      "its chocolate bars.")
    assert lead.who is not None and lead.who.text == "Mondelez International"


def test_lead_keeps_a_first_clause_whose_pronoun_its_sentence_names(nlp: Any) -> None:
    lead = _lead(nlp, "Yemen's Houthi group said on Sunday it had fired missiles at a commercial ship. "
                      "The ship was hit directly, the group said.", title="Houthis claim attack on ship")
    assert lead.what is not None and lead.what.text.startswith("had fired missiles")


def test_lead_where_is_the_place_the_headline_names(nlp: Any) -> None:
    text = ("Three victims of the tram crash were named by police on Saturday. They were from London. "
            "Flowers were left near the crash site in Croydon, where the tram overturned. "
            "Croydon residents left cards.")
    lead = _lead(nlp, text, title="Croydon tram crash: last victims named")
    assert lead.where is not None and lead.where.text == "Croydon"
    assert text[lead.where.start:lead.where.end] == "Croydon"
    lead = _lead(nlp, "Lady Gaga joined a crowd of protesters on Wednesday. She stood outside Trump Tower "
                      "holding a sign.", title="Lady Gaga protests outside Trump Tower")
    assert lead.where is not None and lead.where.text == "Trump Tower"


def test_lead_where_is_not_a_country_the_headline_makes_a_party(nlp: Any) -> None:
    lead = _lead(nlp, "China's military began large-scale drills around Taiwan on Tuesday. China said the "
                      "drills were a warning.", title="China stages drills around Taiwan")
    assert lead.where is not None and lead.where.text == "Taiwan"
    lead = _lead(nlp, "China's military began large-scale drills around Taiwan on Tuesday. China said the "
                      "drills were a warning.", title="Warships gather in China")
    assert lead.where is not None and lead.where.text == "Taiwan"


def test_lead_where_prefers_a_locative_to_a_name_describing_a_noun(nlp: Any) -> None:
    lead = _lead(nlp, "The US-based maker has cut the weight of two bars. Fans are angry. The bars were "
                      "changed. Only bars sold in the UK were changed, the company said.")
    assert lead.where is not None and lead.where.text == "UK"


def test_lead_where_is_a_name_narrowing_a_locative_noun(nlp: Any) -> None:
    # "in the Catatumbo region": the name is a compound on the locative's object, still a locative place,
    # so it is taken before a later one ("near the border with Venezuela").
    lead = _lead(nlp, "Colombia's army said on Friday that fighting in the Catatumbo region had killed 80 "
                      "people near the border with Venezuela.")
    assert lead.where is not None and lead.where.text == "Catatumbo"
