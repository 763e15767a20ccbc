"""Dutch rules for the special categories of personal data (AVG art. 9 and 10).

A post *reveals* a special category when its words say something of that kind about
its author or about a person: their health, religion or belief, political opinion,
ethnic origin, sexual orientation, trade-union membership, or criminal data (art. 10:
suspicions, arrests, convictions). The rules are word lists, not a model:

* every rule is a regular expression over the lower-cased text, anchored at word
  boundaries (``\\b``) on both sides, so "kerk" does not fire inside "perkament";
* inflections are written out in the rule (``ziek(e|er|en)?``, ``moskee(ën|s)?``);
* a word that may begin a compound is marked with ``\\w*`` at its end
  (``ziekenhuis\\w*`` takes "ziekenhuisopname"), a word that may end one with
  ``\\w*`` at its start (``\\w*vakbond``); words that match but say nothing of the
  category are listed as exceptions (``EXCEPT``: "kerkplein", "kerkdorpen",
  "geloofwaardig", "verdacht veel", ...) and never count;
* words that are also everyday words only count in a context: "geloof" only after
  a possessive or article ("mijn geloof", "het geloof"), a party name only when
  voting or membership is said ("stem op de VVD", "lid van de PvdA", "PVV-stemmer"),
  "verdachte" always (art. 10 covers suspicions), "aangehouden" only with a person.

``RULES`` is the one list; ``VERSION`` changes whenever it changes, so a stored flag
made with older rules is known to be old. ``categories(text)`` gives the categories a
text reveals, ``matches(text)`` the rules that fired (for tests and for the docs;
never shown with the text itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "meetlat-special-1"

HEALTH = "health"
RELIGION = "religion"
POLITICS = "politics"
ETHNICITY = "ethnicity"
SEXUALITY = "sexuality"
UNION = "union"
CRIMINAL = "criminal"
CATEGORIES = (HEALTH, RELIGION, POLITICS, ETHNICITY, SEXUALITY, UNION, CRIMINAL)
NONE = "none"

PARTIES = (
    r"vvd|pvda|cda|d66|sp|pvv|groenlinks|gl|christenunie|cu|sgp|pvdd|partij voor de dieren"
    r"|50plus|denk|fvd|forum voor democratie|ja21|bbb|volt|nsc|leefbaar \w+"
)
POSSESSIVE = r"(mijn|m'n|zijn|z'n|haar|hun|ons|onze|jouw|je|het|diens)"


@dataclass(frozen=True)
class Rule:
    category: str
    name: str  # a short Dutch description, for the documentation
    pattern: re.Pattern

    def find(self, text: str) -> list[str]:
        return [m.group(0) for m in self.pattern.finditer(text)]


def _rule(category: str, name: str, pattern: str) -> Rule:
    return Rule(category, name, re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE))


RULES: tuple[Rule, ...] = (
    # --- health (gezondheid) -------------------------------------------------------
    _rule(HEALTH, "ziek, ziekte", r"ziek(e|er|en|te|tes|ten)?|ziekte\w+|\w+ziekte(n|s)?"),
    _rule(HEALTH, "ziekenhuis", r"ziekenhuis\w*|ziekenhuizen"),
    _rule(
        HEALTH,
        "aandoeningen",
        r"depressie(s)?|depressief|depressieve|burn-?out|overspannen|kanker|tumor(en)?"
        r"|diabetes|suikerziekte|dementie|dement(e)?|alzheimer|parkinson|autisme|autistisch(e)?"
        r"|adhd|astma|epilepsie|hiv|aids|corona|covid(-19)?|griep|longontsteking"
        r"|hartaanval|herseninfarct|beroerte|angststoornis|psychose|verslaafd(e)?"
        r"|verslaving|eetstoornis|anorexia|zwanger(schap)?|miskraam",
    ),
    _rule(
        HEALTH,
        "zorg en behandeling",
        r"huisarts(en)?|psychiater(s)?|psycholoog|psychologen|ggz|chemo(therapie)?"
        r"|bestraling|geopereerd|operatie aan|medicijn(en)?|medicatie|antidepressiva"
        r"|revalid(atie|eren)|fysiotherap\w+|ziekteverlof|arbeidsongeschikt(e)?"
        r"|wao|wia|gehandicapt(e|en)?|handicap(s)?|beperking(en)? (heb|hebben|heeft)"
        r"|rolstoel\w*|blind(e)?|doof|dove|slechthorend(e)?|medisch(e)? dossier(s)?",
    ),
    # --- religion or belief (godsdienst, levensovertuiging) ----------------------------
    _rule(
        RELIGION,
        "kerk, moskee, synagoge, tempel",
        r"kerk(en|je)?|kerk(dienst|diensten|ganger|gangers|bezoek|lid|leden|genootschap\w*"
        r"|koor|raad|gemeente|elijk\w*)|moskee(ën|s)?|moskee\w+|synago(ge|gen)|tempel(s)?",
    ),
    _rule(
        RELIGION,
        "religies en gelovigen",
        r"islam(itisch(e)?)?|moslim(s|a|s)?|christen(en)?|christelijk(e)?|katholiek(e|en)?"
        r"|rooms(-katholiek(e)?)?|protestant(s|se|en)?|gereformeerd(e|en)?|hervormd(e)?"
        r"|evangelisch(e)?|joods(e)?|jood|joden|hindoe(s|ïstisch(e)?)?|boeddhist(en|isch(e)?)?"
        r"|sikh(s)?|atheïst(en|isch(e)?)?|humanist(en)?|ramadan|suikerfeest|offerfeest"
        r"|hoofddoek(je)?|boerka|burka|keppeltje|gebedsdienst(en)?",
    ),
    _rule(
        RELIGION,
        "geloof, bidden",
        POSSESSIVE + r" geloof|geloofsovertuiging(en)?|levensovertuiging(en)?|godsdienst\w*"
        r"|gelovig(e|en)?|ongelovig(e|en)?|bid(den|t)?|bad(en)? voor|gebed(en)?"
        r"|geloof in god|in god geloven|god zegene",
    ),
    # --- political opinion (politieke gezindheid) ---------------------------------------
    _rule(
        POLITICS,
        "stemmen op een partij",
        r"(stem|stemt|stemde|stemden|stemmen|gestemd|stemmer|stemmers)\s+(op|voor)\s+(de\s+)?"
        r"(" + PARTIES + r")|(" + PARTIES + r")-?(stemmer|stemmers|kiezer|kiezers)",
    ),
    _rule(
        POLITICS,
        "lid van een partij",
        r"(lid|leden|lidmaatschap|raadslid|wethouder|kandidaat|fractievoorzitter)\s+"
        r"(van|voor)\s+(de\s+|het\s+)?(" + PARTIES + r")|(" + PARTIES + r")-(lid|leden"
        r"|raadslid|wethouder|kandidaat|kandidaten|fractie\w*)|partijlid|partijgenot\w*",
    ),
    _rule(
        POLITICS,
        "politieke overtuiging",
        POSSESSIVE + r" (politieke (voorkeur|kleur|overtuiging|gezindheid)|partij)"
        r"|ik (ben|stem) (links|rechts)|(links|rechts)e stemmer|politiek(e)? dakloze?",
    ),
    # --- ethnic origin (ras, etnische afkomst) -----------------------------------------
    _rule(
        ETHNICITY,
        "afkomst",
        r"allochto(on|ne|nen)|autochto(on|ne|nen)|migratieachtergrond|migrant(en)?"
        r"|etnisch(e)?|etniciteit|\w+se afkomst|(mijn|zijn|haar|hun) afkomst|huidskleur"
        r"|(niet-)?westers(e)? (migrant\w*|achtergrond)",
    ),
    _rule(
        ETHNICITY,
        "herkomstgroepen",
        r"marokka(an|anse|anen)|turk(en|se)?|surina(mer|mers|amse)|antillia(an|anse|anen)"
        r"|molukker(s)?|moluks(e)?|poolse|roma|sinti|zigeuner(s)?"
        r"|(zwart|wit|getint)(e)? (man|vrouw|jongen|meisje|jongens|mensen|mannen|vrouwen)",
    ),
    # --- sexual orientation (seksuele geaardheid) --------------------------------------
    _rule(
        SEXUALITY,
        "geaardheid",
        r"homo(s|seksueel|seksuele|seksualiteit|huwelijk)?|lesbisch(e)?|lesbienne(s)?|lesbo"
        r"|biseksueel|biseksuele|transgender(s)?|transseksueel|non-binair|queer|gay"
        r"|lhbt\w*|lgbt\w*|coming-?out|uit de kast|seksuele (geaardheid|voorkeur|oriëntatie)",
    ),
    # --- trade-union membership (lidmaatschap van een vakbond) -------------------------
    _rule(UNION, "vakbond", r"\w*vakbond\w*|vakbonden|fnv|cnv|abvakabo|vakcentrale"),
    # --- criminal data (strafrechtelijke gegevens, art. 10) ----------------------------
    _rule(
        CRIMINAL,
        "verdenking, aanhouding, straf",
        r"verdachte(n)?|verdacht van|aangehouden|gearresteerd|opgepakt|arrestatie(s)?"
        r"|veroordeeld(e)?|veroordeling(en)?|strafblad|gevangenis\w*|celstraf(fen)?"
        r"|taakstraf(fen)?|voorwaardelijk(e)? straf|tbs|vastgezet|in de cel|zit vast"
        r"|delict(en)?|misdrijf|misdrijven|crimineel|criminele|criminelen"
        r"|dader(s)?|mishandel\w+|huiselijk geweld|inbreker(s)?|winkeldie(f|ven)"
        r"|veelpleger(s)?|drugsdeal\w*|strafrechtelijk(e)? vervolg\w*",
    ),
)

# words the rules find that say nothing of the category (lower case, whole words)
EXCEPT = frozenset(
    {
        # places and things named after a church
        "kerkplein", "kerkstraat", "kerkhof", "kerkbrink", "kerkweg", "kerkpad", "kerklaan",
        "kerkdorp", "kerkdorpen", "kerktoren", "kerkgebouw",
        # "ziek" in other senses
        "ziekenfonds", "ziekelijk",
        # figures of speech and names
        "blinde vlek", "verdacht veel", "verdachte citaten-fabriek", "homo digitalis",
        "homo sapiens", "homo ludens",
    }
)  # fmt: skip


def matches(text: str) -> list[tuple[Rule, str]]:
    """Every (rule, matched words) in ``text`` that is not an exception."""
    if not text:
        return []
    lowered = " ".join(text.lower().split())
    found = []
    for rule in RULES:
        for word in rule.find(lowered):
            if word not in EXCEPT and not _excepted(lowered, word):
                found.append((rule, word))
    return found


def _excepted(text: str, word: str) -> bool:
    return any(phrase in text and word in phrase for phrase in EXCEPT if " " in phrase)


def categories(text: str) -> tuple[str, ...]:
    """The special categories ``text`` reveals, in the order of CATEGORIES."""
    hit = {rule.category for rule, _word in matches(text)}
    return tuple(c for c in CATEGORIES if c in hit)
