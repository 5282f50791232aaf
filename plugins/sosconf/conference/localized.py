"""Text that may differ by language: one string for all, or a mapping of language code to text.

Which languages a site has is its settings' business: the schema checks the
codes against them and hands the mapping over in the site's order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Localized:
    """A text in one or more languages; a missing language falls back."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value, languages=None) -> Localized:
        """`value` as a Localized; a mapping's texts in the order of `languages` (else its own)."""
        if isinstance(value, Localized):
            return value
        if isinstance(value, str):
            return cls((("*", value),))
        order = value if languages is None else languages
        return cls(tuple((lang, value[lang]) for lang in order if value.get(lang)))

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
