"""Masking the personal data the book names (seed 6766–6768: name, postcode, BSN, IP
address) and e-mail addresses and Dutch telephone numbers (meetlat.privacy.personal)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from meetlat.privacy import personal

ALMANAC = Path(__file__).parents[1] / "fixtures" / "personal" / "almanak-contacts.csv"


def test_the_elfproef():
    assert personal.elfproef("111222333")
    assert personal.elfproef("123456782")
    assert not personal.elfproef("123456789")
    assert not personal.elfproef("000000000")
    assert not personal.elfproef("12345678")


def test_the_elfproef_is_the_documented_sum():
    digits = [1, 2, 3, 4, 5, 6, 7, 8, 2]
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    assert total % 11 == 0 and personal.elfproef("".join(map(str, digits)))


def test_a_bsn_is_masked_only_when_it_passes_the_elfproef():
    assert personal.mask("Mijn BSN is 123456782.") == "Mijn BSN is [BSN]."
    assert personal.mask("BSN 1234.56.782 graag") == "BSN [BSN] graag"
    assert personal.mask("Bestelnummer 123456789") == "Bestelnummer 123456789"  # fails it


def test_ids_of_posts_are_not_taken_for_numbers():
    text = "https://x.com/gemeente/status/1234567821234567890 en 123456782123"
    assert personal.mask(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Bel 06-12345678 even", "Bel [telefoon] even"),
        ("Bel 0612345678", "Bel [telefoon]"),
        ("Bel +31 6 1234 5678", "Bel [telefoon]"),
        ("Bel +31 (0)20 123 4567", "Bel [telefoon]"),
        ("Bel 020-1234567", "Bel [telefoon]"),
        ("Bel (024)3996200", "Bel [telefoon]"),
        ("Woon op 1234 AB Ergens", "Woon op [postcode] Ergens"),
        ("postcode 3511ab", "postcode [postcode]"),
        ("In 2014 en 2015", "In 2014 en 2015"),  # not a postcode: "en" is lower case
        ("In 2015 NL", "In [postcode]"),  # documented: a year and two capitals look like one
        ("op 1234 SS", "op 1234 SS"),
        ("mail jan.de.vries+post@gemeente-x.nl nu", "mail [e-mail] nu"),
        ("van 192.168.10.1 en 10.0.0.255", "van [IP-adres] en [IP-adres]"),
        ("versie 1.2.300.4", "versie 1.2.300.4"),
        ("adres 2001:db8::8a2e:370:7334 ja", "adres [IP-adres] ja"),
        ("om 12:30:45 uur", "om 12:30:45 uur"),
        ("Naam: Jan van der Berg", "Naam: [naam]"),
        ("Mijn naam is Fatima el Amrani", "Mijn naam is [naam] el Amrani"),
        ("Met vriendelijke groet, Piet de Vries", "Met vriendelijke groet, [naam]"),
        ("Groetjes Karin", "Groetjes [naam]"),
        ("Ik ben Het zat", "Ik ben Het zat"),
    ],
)
def test_mask(text, masked):
    assert personal.mask(text) == masked


def test_names_elsewhere_in_a_sentence_are_not_caught():
    # documented: only where the text says that a name follows
    assert personal.mask("Ik sprak Jan de Vries vandaag") == "Ik sprak Jan de Vries vandaag"


def test_find_lists_what_mask_replaces():
    found = personal.find("Bel 06-12345678, BSN 123456782, naam: Jan")
    assert [kind for kind, _ in found] == ["phone", "bsn", "name"]
    assert personal.mask(None) is None


def test_real_contact_data_of_the_government_almanac():
    rows = list(csv.DictReader(ALMANAC.open(encoding="utf-8")))
    assert len(rows) >= 10
    for row in rows:
        phone = row["gemeente.contact.telefoon"]
        mail = row["gemeente.contact.emailadres"]
        text = f"Vragen? Bel {phone} of mail {mail}."
        masked = personal.mask(text)
        assert mail not in masked and "[e-mail]" in masked
        if sum(c.isdigit() for c in phone) == 10:
            assert phone not in masked and "[telefoon]" in masked
        else:  # 140528: the municipal short number (14 + area code) is not a person's
            assert phone in masked


def test_the_book_s_e_mail_address_is_masked():
    # seed line 8886
    line = "en andere onderwerpen: pbn.berrevoets@rotterdam.nl."
    assert personal.mask(line) == "en andere onderwerpen: [e-mail]."
