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

VERSION = "meetlat-special-2"

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
POSSESSIVE = r"(mijn|m'n|zijn|z'n|haar|hun|ons|onze|jouw|diens)"
# a determiner that makes a noun one concrete person or group ("de verdachte", "twee
# daders", "mijn buurman"); a bare plural ("verdachten worden ...") speaks of people
# in general and reveals nothing of anyone
CONCRETE = r"(de|die|deze|dat|twee|drie|vier|vijf|beide|" + POSSESSIVE[1:-1] + r")\s+(\w+e\s+)?"
ROLES = (
    r"lid|raadslid|wethouder|burgemeester|locoburgemeester|kamerlid|minister|staatssecretaris"
    r"|kandidaat|fractievoorzitter|lijsttrekker|politicus|voorzitter|bestuurslid"
    r"|campagneleider|woordvoerder|medewerker|wethouderskandidaat"
)


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
    _rule(
        HEALTH,
        "ziek, ziekte",
        r"ziek(e|er)?|ziekjes|" + POSSESSIVE + r" ziekte|(heeft|had|heb|hebben) (een )?ziekte"
        r"|ziekte van \w+|suikerziekte|longziekte|hartziekte|ziektewet|ziekgemeld",
    ),
    _rule(
        HEALTH,
        "in het ziekenhuis",
        r"(in|naar|uit) het ziekenhuis|ziekenhuisopname\w*|ziekenhuisbed\w*",
    ),
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
        r"|wao|wia|gehandicapt(e)?|handicap|beperking(en)? (heb|hebben|heeft)"
        r"|rolstoel\w*|blind(e)?|doof|dove|slechthorend(e)?|"
        + POSSESSIVE
        + r" medisch(e)? (dossier|gegevens)",
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
        r"islam(itisch(e)?)?|moslim(a)?|christen|christelijk(e)?|katholiek(e)?"
        r"|rooms(-katholiek(e)?)?|protestant(s|se|en)?|gereformeerd(e|en)?|hervormd(e)?"
        r"|evangelisch(e)?|joods(e)?|jood|hindoe(ïstisch(e)?)?|boeddhist(isch(e)?)?"
        r"|" + CONCRETE + r"(moslims|christenen|joden|hindoes|katholieken|protestanten)"
        r"|sikh|atheïst(isch(e)?)?|humanist|ramadan|suikerfeest|offerfeest"
        r"|hoofddoek(je)?|boerka|burka|keppeltje|gebedsdienst(en)?",
    ),
    _rule(
        RELIGION,
        "geloof, bidden",
        r"(" + POSSESSIVE[1:-1] + r"|het) geloof|" + POSSESSIVE + r" (geloofsovertuiging"
        r"|levensovertuiging|godsdienst|religie)"
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
        r"(" + ROLES + r"|lidmaatschap|hoofd \w+)\s+(van|voor|bij)\s+(de\s+|het\s+)?"
        r"(" + PARTIES + r")|(" + PARTIES + r")[- ](" + ROLES + r")"
        r"|(werkt|werkte|werk) (bij|voor) (de |het )?(" + PARTIES + r")|partijlid|partijgenoot",
    ),
    _rule(
        POLITICS,
        "politieke overtuiging",
        POSSESSIVE + r" (politieke (voorkeur|kleur|overtuiging|gezindheid)|partij(?!-))"
        r"|ik (ben|stem) (links|rechts)|(links|rechts)e stemmer|politiek(e)? dakloze?",
    ),
    # --- ethnic origin (ras, etnische afkomst) -----------------------------------------
    _rule(
        ETHNICITY,
        "afkomst",
        r"allochto(on|ne)|autochto(on|ne)|migratieachtergrond|migrant|\w+se afkomst"
        r"|" + POSSESSIVE + r" (afkomst|etniciteit|huidskleur|etnische achtergrond)"
        r"|" + CONCRETE + r"(allochtonen|autochtonen|migranten)",
    ),
    _rule(
        ETHNICITY,
        "herkomstgroepen",
        r"marokka(an|anse)|turk(se)?|surina(mer|amse)|antillia(an|anse)|molukker|moluks(e)?"
        r"|poolse|roma|sinti|zigeuner|" + CONCRETE + r"(marokkanen|turken|surinamers"
        r"|antillianen|molukkers|polen|chinezen)"
        r"|(zwart|wit|getint)(e)? (man|vrouw|jongen|meisje|jongens|mensen|mannen|vrouwen)",
    ),
    # --- sexual orientation (seksuele geaardheid) --------------------------------------
    _rule(
        SEXUALITY,
        "geaardheid",
        r"homo(seksueel|seksuele)?|lesbisch(e)?|lesbienne|lesbo|biseksueel|biseksuele"
        r"|transgender|transseksueel|non-binair|queer|gay|coming-?out|uit de kast|"
        + POSSESSIVE
        + r" (seksuele (geaardheid|voorkeur|oriëntatie)|geaardheid)",
    ),
    # --- trade-union membership (lidmaatschap van een vakbond) -------------------------
    _rule(UNION, "vakbond", r"\w*vakbond\w*|vakbonden|fnv|cnv|abvakabo|vakcentrale"),
    # --- criminal data (strafrechtelijke gegevens, art. 10) ----------------------------
    _rule(
        CRIMINAL,
        "verdenking, aanhouding, straf",
        CONCRETE + r"(verdachte(n)?|dader(s)?|inbreker(s)?|winkeldie(f|ven)|veelpleger(s)?"
        r"|criminelen|overvaller(s)?|relschopper(s)?|geweldpleger(s)?|drugsdealer(s)?)"
        r"|verdacht van|(is|werd|wordt|zijn|werden|ben) (\w+ )?(aangehouden|opgepakt|gearresteerd"
        r"|veroordeeld)|(aangehouden|opgepakt|gearresteerd) door de politie|arrestatie van"
        r"|veroordeelde|" + POSSESSIVE + r" (strafblad|veroordeling|celstraf|taakstraf)"
        r"|in de gevangenis|gevangenisstraf|celstraf|taakstraf|tbs|vastgezet|in de cel"
        r"|zit vast|crimineel|mishandel(d|de|den|t)|huiselijk geweld"
        r"|strafrechtelijk(e)? vervolg\w*",
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
        "homo sapiens", "homo ludens", "burka-verbod", "burkaverbod", "boerkaverbod",
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
    return any(word in phrase and phrase in text for phrase in EXCEPT if phrase != word)


def categories(text: str) -> tuple[str, ...]:
    """The special categories ``text`` reveals, in the order of CATEGORIES."""
    hit = {rule.category for rule, _word in matches(text)}
    return tuple(c for c in CATEGORIES if c in hit)
