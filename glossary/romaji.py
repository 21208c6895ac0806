"""Kana for search: katakana ↔ hiragana, and romaji in the spellings people type.

こうばい → "koubai" (kana by kana), "kōbai" (Hepburn with macrons), "kobai" (long vowels
unmarked). A reader who types any of them finds 勾配.
"""

from __future__ import annotations

import unicodedata

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko", "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so", "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to", "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho", "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro", "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゔ": "vu",
}
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_VOWEL = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
# Vowel pairs that Hepburn writes as one long vowel (ei and ii stay as they are).
_LONG = {("a", "a"), ("u", "u"), ("e", "e"), ("o", "o"), ("o", "u")}


def to_hiragana(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def syllables(reading: str) -> list[str]:
    """Hepburn syllables of a hiragana reading (ー repeats the previous vowel)."""
    reading = to_hiragana(reading)
    out: list[str] = []
    double = False
    i = 0
    while i < len(reading):
        c = reading[i]
        nxt = reading[i + 1] if i + 1 < len(reading) else ""
        if c == "っ":
            double = True
            i += 1
            continue
        if c == "ー":
            if out:
                out.append(out[-1][-1])
            i += 1
            continue
        base = _BASE.get(c)
        if base is None:  # not kana: keep as it is (digits, latin)
            out.append(c.lower())
            i += 1
            continue
        if nxt in _YOON and base.endswith("i") and c != "い":
            stem = base[:-1]
            stem = {"sh": "sh", "ch": "ch", "j": "j"}.get(stem, stem + "y")
            base = stem + _YOON[nxt]
            i += 1
        elif nxt in _SMALL_VOWEL and c not in _SMALL_VOWEL:  # ふぁ → fa, てぃ → ti
            base = base[:-1] + _SMALL_VOWEL[nxt]
            i += 1
        if double:
            base = ("t" + base) if base.startswith("ch") else base[0] + base
            double = False
        out.append(base)
        i += 1
    return out


def variants(reading: str) -> list[str]:
    """Romaji spellings of a reading: kana by kana, Hepburn with macrons, and unmarked."""
    parts = syllables(reading)
    wapuro = "".join(parts)
    macron, plain = [], []
    for part in parts:
        prev = macron[-1] if macron else ""
        if prev and len(part) == 1 and part in _MACRON and (prev[-1], part) in _LONG:
            macron[-1] = prev[:-1] + _MACRON[prev[-1]]
            continue
        macron.append(part)
    macron_text = "".join(macron)
    plain_text = unicodedata.normalize("NFKD", macron_text).encode("ascii", "ignore").decode()
    return list(dict.fromkeys([wapuro, macron_text, plain_text]))
