"""Offline language identification of cleaned text with py3langid (BSD, bundled model)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from annales.errors import require

# Texts shorter than this many characters are too short to tell: assumed English and
# counted "language_uncertain". py3langid is reliable past ~100 characters of prose.
MIN_LANGUAGE_CHARS = 200
# Only this many characters are classified; more does not change the answer for news.
SAMPLE_CHARS = 3000
# Below this normalised probability the guess is uncertain (mixed or odd text): treated as English.
MIN_CONFIDENCE = 0.5


@functools.cache
def _load_identifier() -> Any:
    """The py3langid model, loaded once per process (~2 s to decompress); we never change it."""
    langid: Any = require("py3langid.langid", "core")
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 code, its probability, and whether the text was long enough to tell."""

    language: str
    probability: float
    certain: bool


class LanguageGuesser:
    """Guess the language of a text; loads the py3langid model once per instance.

    Example:
        >>> LanguageGuesser().guess("Der Minister sagte am Montag ..." * 10).language  # doctest: +SKIP
        'de'
    """

    def __init__(self) -> None:
        self._identifier = _load_identifier()

    def guess(self, text: str, *, default: str = "en") -> LanguageGuess:
        """Guess the language of `text`.

        Args:
            text: cleaned article text.
            default: the language assumed for short or ambiguous text.

        Returns:
            LanguageGuess; `certain` is False when `default` was assumed.
        """
        sample = text[:SAMPLE_CHARS]
        if len(sample.strip()) < MIN_LANGUAGE_CHARS:
            return LanguageGuess(default, 0.0, certain=False)
        language, probability = self._identifier.classify(sample)
        if float(probability) < MIN_CONFIDENCE:
            return LanguageGuess(default, float(probability), certain=False)
        return LanguageGuess(str(language), float(probability), certain=True)
