"""Text that may differ by language: one string for all, or {zh: ..., en: ...}."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Localized:
    """A text in one or more languages; a missing language falls back."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value) -> Localized:
        if isinstance(value, Localized):
            return value
        if isinstance(value, str):
            return cls((("*", value),))
        return cls(tuple((lang, value[lang]) for lang in LANGUAGES if value.get(lang)))

    def get(self, lang: str) -> str:
        return self.with_lang(lang)[0]

    def with_lang(self, lang: str) -> tuple[str, str]:
        """The text for `lang` and the language it is really in ('*': any)."""
        found = dict(self.values)
        if "*" in found:
            return found["*"], lang
        if lang in found:
            return found[lang], lang
        other, text = self.values[0]
        return text, other

    def __str__(self) -> str:
        return self.values[0][1]
