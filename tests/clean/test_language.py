"""Language identification on short news paragraphs; non-English articles kept, marked, skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.clean.language import identify_language
from reportedly.cli import app

PARAGRAPHS = {
    "en": "The Russian envoy said on Tuesday that Moscow was ready to host talks between the Taliban and the "
          "opposition to prevent a new war in Afghanistan.",
    "de": "Der russische Gesandte sagte am Dienstag, Moskau sei bereit, Gespräche zwischen den Taliban und "
          "der "
          "Opposition auszurichten, um einen neuen Krieg zu verhindern.",
    "fr": "L'envoyé russe a déclaré mardi que Moscou était prêt à accueillir des pourparlers entre les "
          "talibans "
          "et l'opposition afin d'éviter une nouvelle guerre.",
    "es": "El enviado ruso dijo el martes que Moscú estaba dispuesto a acoger conversaciones entre los "
          "talibanes "
          "y la oposición para evitar una nueva guerra.",
    "it": "L'inviato russo ha detto martedì che Mosca è pronta a ospitare colloqui tra i talebani e "
          "l'opposizione per evitare una nuova guerra in Afghanistan.",
    "pt": "O enviado russo disse na terça-feira que Moscou está pronta para receber negociações entre o "
          "Talibã e "
          "a oposição para evitar uma nova guerra.",
    "ru": "Российский посланник заявил во вторник, что Москва готова принять переговоры между талибами и "
          "оппозицией, чтобы предотвратить новую войну.",
    "ar": "قال المبعوث الروسي يوم الثلاثاء إن موسكو مستعدة لاستضافة محادثات بين طالبان والمعارضة لمنع اندلاع "
          "حرب جديدة في أفغانستان.",
    "tr": "Rus temsilci salı günü yaptığı açıklamada, Moskova'nın yeni bir savaşı önlemek için Taliban ile "
          "muhalefet arasındaki görüşmelere ev sahipliği yapmaya hazır olduğunu söyledi.",
    "zh": "俄罗斯特使周二表示，莫斯科准备主办塔利班与反对派之间的会谈，以防止阿富汗爆发新的战争。",
}


@pytest.mark.parametrize(("lang", "text"), sorted(PARAGRAPHS.items()))
def test_language_short_paragraphs(lang: str, text: str) -> None:
    assert identify_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12:45 IST", "Kabul."])
def test_language_too_short_is_undetermined(text: str) -> None:
    assert identify_language(text) == "und"


def test_language_non_english_skipped_end_to_end(tmp_path: Path) -> None:
    german = tmp_path / "de.txt"
    german.write_text("Russland will Gespräche ausrichten\n\n" + PARAGRAPHS["de"] + "\n", "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(german)])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert article["language"] == "de"
    assert article["text"].startswith("Der russische Gesandte")
    assert "'de' is not analyzed" in article["skipped"]
    assert (article["entities"], article["attributions"], article["events"]) == ([], [], [])


@pytest.mark.parametrize(
    "text",
    ["Zamir Kabulov met Ahmad Massoud and Abdul Ghani Baradar in Moscow.",
     "Taliban spokesman Zabihullah Mujahid said.", "The PM met Xi Jinping in Beijing."],
)
def test_language_names_heavy_english_stays_english(text: str) -> None:
    assert identify_language(text) == "en"


@pytest.mark.parametrize(("text", "lang"), [("Il ministro ha detto che i colloqui continueranno.", "it"),
                                            ("Taliban ba za su amince ba, in ji shi.", "ha")])
def test_language_confident_guesses_stand(text: str, lang: str) -> None:
    assert identify_language(text) == lang


def test_language_windowed_walk_scores_as_py3langid() -> None:
    """The identifier's automaton walked over all positions at once (a state depends on the last `depth`
    bytes only) gives the scores of py3langid's own byte-by-byte walk, to the bit, on texts of every
    length and script, random bytes included."""
    import random

    import numpy as np
    from py3langid.langid import LanguageIdentifier

    from reportedly.clean.language import _identifier

    windowed = _identifier()
    stock = LanguageIdentifier.__new__(LanguageIdentifier)  # the same arrays, py3langid's own walk
    for slot in LanguageIdentifier.__slots__:
        setattr(stock, slot, getattr(windowed, slot))
    rnd = random.Random(7)
    texts = [*PARAGRAPHS.values(), "", "a", "ab", "abcdef", "Ünïcödé", "中文新闻报道"]
    letters = "abcdeéßжя中 .,\n'"
    texts += ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 300))) for _ in range(200)]
    texts += [bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 200))).decode("latin-1")
              for _ in range(100)]
    for text in texts:
        assert np.array_equal(windowed._decide(text), stock._decide(text)), text
