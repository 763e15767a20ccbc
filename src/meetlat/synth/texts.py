# ruff: noqa: E501  (the templates are whole Dutch sentences; wrapping them hurts reading)
"""Dutch sentence templates for synthetic posts, grouped by topic.

Placeholders filled per municipality: ``{gemeente}`` (its name), ``{straat}``, ``{wijk}``,
``{dag}`` (a weekday), ``{datum}`` (a day and month), ``{tijd}`` (a clock time) and
``{nummer}`` (a small number). Templates never contain a double quote or a backslash, so
the generated text can go into JSON without escaping, and no ``&``, ``<`` or ``>``, so it
can go into HTML (Mastodon) as it is (``check_templates`` enforces both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    hashtags: tuple[str, ...]
    path: str  # the page on the municipality's website that links point to
    originals: tuple[str, ...]  # posts of the municipality itself
    questions: tuple[str, ...]  # citizens' questions to the municipality
    answers: tuple[str, ...]  # the municipality's answers to those questions


TOPICS: tuple[Topic, ...] = (
    Topic(
        "afval",
        ("afval", "grofvuil", "afvalscheiden", "kliko"),
        "afval",
        (
            "Let op: door de feestdag wordt het afval in {wijk} deze week een dag later opgehaald.",
            "Vanaf {datum} haalt de gemeente het GFT-afval in {wijk} weer elke week op.",
            "Heeft u grofvuil? Maak online een afspraak, dan halen wij het gratis bij u op.",
            "Het milieustraat aan de {straat} is op {dag} gesloten in verband met onderhoud.",
            "Nieuwe afvalkalender voor {gemeente} staat online. Bekijk wanneer uw container wordt geleegd.",
            "Zwerfafval opruimen met de buurt? Vraag een opruimpakket aan bij de gemeente.",
            "Plastic, blik en drinkpakken mogen vanaf nu samen in de oranje container.",
            "De ondergrondse containers in {wijk} worden deze week vervangen. Excuses voor het ongemak.",
            "Oud papier wordt op {dag} opgehaald door de vrijwilligers van de voetbalclub. Zet het op tijd buiten!",
            "In {gemeente} scheiden we samen al {nummer} procent van ons afval. Goed bezig!",
            "Kerstbomen inzamelen: breng uw boom op {datum} naar het verzamelpunt aan de {straat}.",
        ),
        (
            "Hoe kan ik een nieuwe kliko aanvragen? Mijn container is gisteren kapotgegaan.",
            "Wanneer wordt het grofvuil in {wijk} opgehaald? Staat al een week op de stoep.",
            "Waarom is mijn groene container vandaag niet geleegd? Hele straat vergeten volgens mij.",
            "Is de milieustraat aan de {straat} zaterdag open?",
            "Hoe kan ik een melding maken van een volle glasbak bij de {straat}?",
            "Mag ik piepschuim bij het plastic afval doen of moet dat naar de milieustraat?",
        ),
        (
            "Vervelend dat uw container niet is geleegd. We geven het door aan de inzamelaar, die komt morgen alsnog langs.",
            "U kunt een nieuwe container aanvragen via het formulier op onze website. Binnen vijf werkdagen wordt hij bezorgd.",
            "De milieustraat is op zaterdag geopend van 9.00 tot 16.00 uur.",
            "Bedankt voor uw melding over de glasbak, de inzamelaar is op de hoogte gebracht.",
        ),
    ),
    Topic(
        "parkeren",
        ("parkeren", "parkeervergunning", "blauwezone"),
        "parkeren",
        (
            "Vanaf {datum} geldt in {wijk} betaald parkeren. Bewoners kunnen een vergunning aanvragen.",
            "Op koopzondag is parkeren in de garage aan de {straat} gratis tussen 12.00 en 17.00 uur.",
            "De parkeerautomaten aan de {straat} worden vervangen. U kunt tijdelijk betalen via de app.",
            "Let op: wegens de markt op {dag} geldt een parkeerverbod op het marktplein.",
            "Nieuwe fietsenstalling bij het station geopend: {nummer}0 extra plekken, gratis en bewaakt.",
            "Parkeervergunning verlengen? Dat kan vanaf vandaag online met DigiD.",
            "Bezoekersregeling aangepast: bewoners in {wijk} krijgen meer uren per jaar.",
            "Handhavers controleren deze week extra op foutparkeren rond de scholen in {wijk}.",
            "Invalidenparkeerplaats nodig? Lees hier hoe u er een aanvraagt in {gemeente}.",
        ),
        (
            "Hoe kan ik een parkeervergunning aanvragen voor mijn tweede auto?",
            "Wanneer wordt de parkeerautomaat aan de {straat} gerepareerd? Hij pakt al dagen geen pas.",
            "Waarom heb ik een bon gekregen terwijl ik een bezoekersvergunning had?",
            "Geldt de blauwe zone in {wijk} ook op zaterdag?",
            "Kunnen jullie iets doen aan de auto's die elke dag op de stoep aan de {straat} staan?",
        ),
        (
            "Een parkeervergunning vraagt u aan via onze website, met DigiD. Voor een tweede auto geldt een wachtlijst.",
            "Bedankt voor uw melding. De monteur komt de automaat morgen repareren.",
            "Tegen de naheffing kunt u binnen zes weken bezwaar maken. Stuur ons een DM met het kenmerk, dan kijken we mee.",
            "De blauwe zone geldt van maandag tot en met zaterdag van 9.00 tot 18.00 uur.",
        ),
    ),
    Topic(
        "burgerzaken",
        ("paspoort", "rijbewijs", "burgerzaken", "DigiD"),
        "paspoort-en-id-kaart",
        (
            "Op vakantie? Vraag uw paspoort of ID-kaart op tijd aan, de levertijd is vijf werkdagen.",
            "Het Stadswinkel in {gemeente} is op {dag} gesloten. Online zaken regelen kan gewoon.",
            "Vanaf {datum} maakt u voor alle balie-afspraken vooraf een afspraak via de website.",
            "Rijbewijs verlopen? Controleer de geldigheid en verleng op tijd.",
            "Extra openingstijden burgerzaken: op {dag} zijn we tot 20.00 uur open.",
            "Verhuisd binnen {gemeente}? Geef uw nieuwe adres binnen vijf dagen door via Mijn Gemeente.",
            "Uittreksel uit de basisregistratie nodig? Vraag het online aan, dan heeft u het binnen twee dagen.",
            "Let op: de wachttijd aan de balie is nu {nummer}0 minuten. Met een afspraak bent u sneller geholpen.",
            "Trouwen in {gemeente}? Bekijk de trouwlocaties en tarieven op onze website.",
            "Kinderen hebben een eigen reisdocument nodig. Een kind bijschrijven in uw paspoort kan niet meer.",
        ),
        (
            "Hoe kan ik een afspraak maken voor een nieuw paspoort?",
            "Wanneer kan ik mijn rijbewijs ophalen? Aangevraagd op {datum}.",
            "Hoe lang duurt het aanvragen van een ID-kaart op dit moment?",
            "Kan ik mijn paspoort ook op zaterdag ophalen?",
            "Waarom kan ik online geen afspraak maken? De website geeft steeds een foutmelding.",
            "Moet ik voor een uittreksel zelf langskomen of kan dat digitaal?",
        ),
        (
            "U kunt een afspraak maken via onze website of telefonisch via 14 0{nummer}. Neem een pasfoto mee.",
            "Uw document ligt vijf werkdagen na de aanvraag klaar. U krijgt bericht zodra het kan worden opgehaald.",
            "Op zaterdag is de balie geopend van 10.00 tot 13.00 uur voor het ophalen van documenten.",
            "Excuses voor de storing, de afsprakenmodule werkt inmiddels weer.",
            "Een uittreksel vraagt u digitaal aan met DigiD, langskomen is niet nodig.",
        ),
    ),
    Topic(
        "wegwerkzaamheden",
        ("wegwerkzaamheden", "omleiding", "verkeer", "bereikbaarheid"),
        "werkzaamheden",
        (
            "Vanaf {dag} is de {straat} afgesloten voor groot onderhoud. Volg de omleidingsborden.",
            "Werkzaamheden aan de {straat} duren langer dan gepland, naar verwachting tot {datum}.",
            "Goed nieuws: de rotonde bij de {straat} is weer open voor alle verkeer.",
            "Deze week wordt in {wijk} het riool vervangen. Bewoners hebben een brief ontvangen.",
            "Let op: vannacht van 22.00 tot 6.00 uur wordt de {straat} opnieuw geasfalteerd.",
            "Fietsers opgelet: het fietspad langs de {straat} is tijdelijk omgeleid via {wijk}.",
            "Informatieavond over de herinrichting van de {straat} op {datum} om {tijd} in het gemeentehuis.",
            "De brug over het kanaal is vanaf {datum} drie weken gestremd voor gemotoriseerd verkeer.",
            "Nieuwe lantaarnpalen in {wijk}: LED-verlichting die minder energie verbruikt.",
            "Overzicht van alle wegwerkzaamheden in {gemeente} deze maand staat op onze website.",
        ),
        (
            "Hoe lang is de {straat} nog afgesloten? Ik kan mijn oprit niet af.",
            "Wanneer wordt het gat in de weg bij de {straat} gerepareerd? Gevaarlijk voor fietsers!",
            "Waarom wordt er midden in de nacht gewerkt in {wijk}? Niemand kan slapen.",
            "Is de omleiding ook geschikt voor vrachtverkeer?",
            "Wordt de bushalte aan de {straat} tijdens de werkzaamheden verplaatst?",
        ),
        (
            "De werkzaamheden aan de {straat} duren naar verwachting tot {datum}. Uw oprit is via de achterzijde bereikbaar.",
            "Bedankt voor uw melding, onze wegbeheerder komt vandaag nog kijken.",
            "Sorry voor de overlast. Het werk gebeurt 's nachts om het verkeer overdag niet te hinderen.",
            "Vrachtverkeer wordt omgeleid via de rondweg, de borden staan vanaf de afrit.",
        ),
    ),
    Topic(
        "evenementen",
        ("evenement", "koningsdag", "festival", "weekmarkt", "uitagenda"),
        "evenementen",
        (
            "Dit weekend is het {gemeente} Zomerfestival op het marktplein. Kom je ook?",
            "Koningsdag in {gemeente}: vrijmarkt vanaf 6.00 uur in {wijk}. Bekijk het programma.",
            "Op {datum} vindt de jaarlijkse braderie plaats in de {straat}. De straat is die dag afgesloten.",
            "Vergunning nodig voor een straatfeest? Vraag hem minimaal zes weken van tevoren aan.",
            "De weekmarkt verhuist tijdelijk naar de {straat} vanwege werkzaamheden.",
            "Open Monumentendag: {nummer}0 monumenten in {gemeente} openen hun deuren.",
            "Bedankt aan alle vrijwilligers die de sportdag in {wijk} tot een succes maakten!",
            "Dodenherdenking op 4 mei om {tijd} bij het monument aan de {straat}. U bent welkom.",
            "Kermis in {gemeente} van {dag} tot en met zondag. Let op de gewijzigde verkeerssituatie.",
            "Nieuw in de uitagenda: openluchtbioscoop in het park op {datum}.",
            "Intocht van Sinterklaas op {datum}, aankomst bij de haven om {tijd}.",
        ),
        (
            "Wanneer begint de vrijmarkt op Koningsdag in {wijk}?",
            "Hoe kan ik een vergunning aanvragen voor een buurtbarbecue?",
            "Waar kan ik parkeren tijdens het festival op het marktplein?",
            "Is er op {datum} ook een weekmarkt of gaat die niet door?",
            "Wie kan ik bellen over geluidsoverlast van het feest in {wijk}?",
        ),
        (
            "De vrijmarkt begint om 6.00 uur, eerder kleedjes neerleggen is niet toegestaan.",
            "Een buurtbarbecue kunt u melden via het formulier evenementen op onze website, het is gratis.",
            "Tijdens het festival kunt u parkeren in de garage aan de {straat}, de route staat aangegeven.",
            "Bij overlast kunt u bellen met het meldnummer 14 0{nummer}, ook buiten kantoortijd.",
        ),
    ),
    Topic(
        "raad",
        ("raadsvergadering", "gemeenteraad", "politiek", "griffie"),
        "gemeenteraad",
        (
            "Op {dag} vergadert de gemeenteraad van {gemeente} om {tijd}. Volg de vergadering live via de website.",
            "De raad besprak gisteren de begroting. Lees hier de belangrijkste besluiten.",
            "Inspreken bij de raadscommissie? Meld u uiterlijk 24 uur van tevoren aan bij de griffie.",
            "Het college heeft de nieuwe woonvisie voor {gemeente} aan de raad aangeboden.",
            "Vanavond debatteert de raad over de toekomst van het zwembad in {wijk}.",
            "De agenda van de raadsvergadering van {datum} staat online.",
            "Nieuwe wethouder beëdigd. Welkom in het college!",
            "De gemeenteraad heeft het voorstel over de {straat} met algemene stemmen aangenomen.",
        ),
        (
            "Wanneer wordt het besluit over het zwembad in {wijk} genomen?",
            "Hoe kan ik inspreken tijdens de raadsvergadering van {datum}?",
            "Waar kan ik de vergadering van vanavond terugkijken?",
            "Is de raadsvergadering ook openbaar toegankelijk?",
        ),
        (
            "De raad neemt naar verwachting op {datum} een besluit. De stukken staan op onze website.",
            "Inspreken kan na aanmelding bij de griffie, uiterlijk 24 uur voor de vergadering.",
            "U kunt de vergadering terugkijken via de website van de gemeenteraad.",
        ),
    ),
    Topic(
        "groen",
        ("groen", "bomen", "natuur", "onkruid"),
        "groen",
        (
            "Deze week snoeien we de bomen langs de {straat}. Er kan kort verkeershinder zijn.",
            "In {wijk} planten we {nummer}0 nieuwe bomen. Bewoners mochten meebeslissen over de soorten.",
            "Het park in {wijk} krijgt een nieuwe speeltuin. Bekijk het ontwerp.",
            "Adopteer een stukje groen in uw buurt! Aanmelden kan via de website van {gemeente}.",
            "Let op: in het bos bij {wijk} zijn eikenprocessierupsen gesignaleerd. Blijf op de paden.",
            "We maaien de bermen later dit jaar, zodat bijen en vlinders meer voedsel vinden.",
            "Onkruid op de stoep? We borstelen de straten in {wijk} in de week van {datum}.",
            "Nieuwe hondenuitlaatplaats aan de {straat} geopend.",
        ),
        (
            "Wanneer wordt het gras in {wijk} weer gemaaid? Het staat kniehoog.",
            "Wie is verantwoordelijk voor de boom die op de stoep aan de {straat} hangt?",
            "Hoe kan ik eikenprocessierupsen in mijn straat melden?",
            "Mag ik zelf de heg van de gemeente naast mijn tuin snoeien?",
        ),
        (
            "Het maaien in {wijk} staat gepland voor volgende week.",
            "Bedankt voor uw melding. Een medewerker van de buitendienst komt de boom bekijken.",
            "Eikenprocessierupsen meldt u via de app of de website, wij laten ze zo snel mogelijk verwijderen.",
            "Gemeentelijk groen wordt door onze aannemer onderhouden. Stuur ons een DM met de locatie, dan plannen we het in.",
        ),
    ),
    Topic(
        "veiligheid",
        ("veiligheid", "brand", "inbraak", "buurtpreventie"),
        "veiligheid",
        (
            "Er woedt een grote brand in {wijk}. Houd ramen en deuren gesloten en zet ventilatie uit.",
            "Het NL-Alert test is op {dag} om 12.00 uur. U hoeft niets te doen.",
            "Donkere dagen, inbraakdagen. Laat een lamp branden als u niet thuis bent.",
            "Nieuwe buurtpreventie-app in {wijk}. Meld u aan bij de wijkagent.",
            "Vuurwerk afsteken is in {gemeente} alleen toegestaan op oudejaarsdag van 18.00 tot 2.00 uur.",
            "De brand aan de {straat} is onder controle. Er zijn geen gewonden gevallen.",
            "Cameratoezicht in het centrum van {gemeente} wordt met een jaar verlengd.",
            "Zet uw fiets op slot, ook even bij de supermarkt. Fietsendiefstal in {wijk} neemt toe.",
        ),
        (
            "Wat is er aan de hand in {wijk}? Veel politie en brandweer in de straat.",
            "Is het water in {wijk} nog veilig om te drinken na de brand?",
            "Hoe kan ik overlast van hangjongeren bij de {straat} melden?",
            "Waarom brandt de straatverlichting in {wijk} al dagen niet?",
        ),
        (
            "Er is een brand in een bedrijfspand. De brandweer is ter plaatse, houd ramen en deuren gesloten.",
            "Het drinkwater is veilig, u kunt het gewoon gebruiken.",
            "Overlast kunt u melden bij de politie via 0900-8844 of bij de gemeente via het meldpunt.",
            "Bedankt voor uw melding, de storing aan de straatverlichting is doorgegeven aan de netbeheerder.",
        ),
    ),
    Topic(
        "werk",
        ("werk", "ondernemen", "vacature", "economie"),
        "ondernemen",
        (
            "Vacature: {gemeente} zoekt een medewerker klantcontact. Solliciteren kan tot {datum}.",
            "Ondernemersontbijt op {datum} om {tijd}. Thema: digitalisering in het mkb.",
            "Startende ondernemer in {gemeente}? Het ondernemersloket helpt u op weg.",
            "Nieuw bedrijventerrein aan de {straat}: de eerste kavels zijn verkocht.",
            "Banenmarkt in het gemeentehuis op {dag}. {nummer}0 werkgevers zoeken personeel.",
            "Werkzoekend? Het werkplein in {gemeente} heeft spreekuur op {dag} van 9.00 tot 12.00 uur.",
            "De gemeente betaalt facturen van ondernemers voortaan binnen vijftien dagen.",
        ),
        (
            "Waar kan ik terecht met vragen over een bijstandsuitkering?",
            "Hoe kan ik mijn bedrijf inschrijven voor de ondernemersprijs?",
            "Wanneer wordt mijn factuur betaald? Al zes weken geleden verstuurd.",
            "Is de vacature klantcontact ook in deeltijd?",
        ),
        (
            "Met vragen over een uitkering kunt u terecht bij het werkplein, bel voor een afspraak.",
            "Inschrijven voor de ondernemersprijs kan tot {datum} via onze website.",
            "Vervelend dat uw factuur nog niet is betaald. Stuur ons een DM met het factuurnummer, dan zoeken we het uit.",
            "De vacature is voor 32 tot 36 uur per week, in overleg is minder mogelijk.",
        ),
    ),
    Topic(
        "zorg",
        ("wmo", "zorg", "jeugd", "mantelzorg"),
        "zorg-en-ondersteuning",
        (
            "Vanaf {datum} is de gemeente verantwoordelijk voor de jeugdzorg. Lees wat er voor u verandert.",
            "Mantelzorgers in {gemeente} bedankt! Vraag het mantelzorgcompliment aan voor {datum}.",
            "Het sociaal wijkteam in {wijk} heeft elke {dag} een inloopspreekuur.",
            "Hulp nodig bij het huishouden? Lees hoe u ondersteuning via de Wmo aanvraagt.",
            "Eenzaamheid onder ouderen: praat mee op de bijeenkomst van {datum} in {wijk}.",
            "Nieuw: de gemeente vergoedt zwemlessen voor kinderen uit gezinnen met een laag inkomen.",
            "Het jongerencentrum in {wijk} is weer open na de verbouwing.",
            "Schuldhulpverlening in {gemeente}: hoe eerder u hulp vraagt, hoe beter.",
        ),
        (
            "Hoe kan ik een scootmobiel aanvragen voor mijn moeder?",
            "Waar kan ik terecht als ik de huur niet meer kan betalen?",
            "Wanneer hoor ik iets over mijn aanvraag voor huishoudelijke hulp? Al acht weken geleden ingediend.",
            "Kan ik het mantelzorgcompliment ook voor mijn buurman aanvragen?",
        ),
        (
            "Een scootmobiel vraagt u aan via het Wmo-loket, een consulent komt daarna bij u langs.",
            "U kunt terecht bij het sociaal wijkteam, zij helpen u gratis en vertrouwelijk.",
            "Excuses voor het lange wachten. Stuur ons een DM met uw naam en geboortedatum, dan vragen we het na.",
            "Het compliment vraagt de mantelzorger zelf aan. Als zorgvrager kunt u hem wel aanmelden.",
        ),
    ),
    Topic(
        "duurzaamheid",
        ("duurzaam", "energie", "zonnepanelen", "klimaat"),
        "duurzaamheid",
        (
            "Zonnepanelen op uw dak? Met de duurzaamheidslening van {gemeente} betaalt u minder rente.",
            "Het gemeentehuis van {gemeente} draait vanaf vandaag volledig op groene stroom.",
            "Gratis energiescan voor woningen in {wijk}. Meld u aan voor {datum}.",
            "Nieuwe laadpalen voor elektrische auto's aan de {straat}.",
            "Regenton met korting: zo helpt u bij wateroverlast en bespaart u drinkwater.",
            "Samen met bewoners in {wijk} onderzoeken we een aardgasvrije wijk. Praat mee op {datum}.",
            "Steenbreek: vervang tegels door planten en help zo het klimaat in {gemeente}.",
        ),
        (
            "Hoe kan ik een laadpaal aanvragen in mijn straat?",
            "Komt de duurzaamheidslening ook voor huurders beschikbaar?",
            "Wanneer wordt de energiescan in {wijk} uitgevoerd?",
        ),
        (
            "Een openbare laadpaal vraagt u aan via de website, dat kan als u een elektrische auto heeft en geen eigen oprit.",
            "De lening is bedoeld voor eigenaren. Huurders kunnen terecht bij het energieloket voor bespaartips.",
            "De energiescans starten na de aanmeldperiode, u krijgt vooraf bericht van de adviseur.",
        ),
    ),
    Topic(
        "belastingen",
        ("woz", "belastingen", "aanslag"),
        "belastingen",
        (
            "De aanslagen gemeentelijke belastingen zijn verstuurd. Bekijk uw aanslag ook in de Berichtenbox.",
            "Niet eens met uw WOZ-waarde? U kunt tot zes weken na de dagtekening bezwaar maken.",
            "Betalen in termijnen? Geef een machtiging af en betaal in tien maandelijkse termijnen.",
            "Kwijtschelding aanvragen voor de afvalstoffenheffing kan tot {datum}.",
            "De hondenbelasting in {gemeente} wordt vanaf volgend jaar afgeschaft.",
        ),
        (
            "Hoe kan ik bezwaar maken tegen mijn WOZ-beschikking?",
            "Waarom is mijn aanslag dit jaar zo veel hoger dan vorig jaar?",
            "Kan ik de aanslag in termijnen betalen?",
        ),
        (
            "Bezwaar maakt u online met DigiD, binnen zes weken na de dagtekening van de aanslag.",
            "De tarieven zijn gestegen door de hogere kosten van afvalverwerking. Stuur ons een DM als u de aanslag wilt laten controleren.",
            "Ja, met een automatische incasso betaalt u in tien termijnen.",
        ),
    ),
    Topic(
        "wonen",
        ("wonen", "bouwen", "omgevingsvergunning", "nieuwbouw"),
        "bouwen-en-wonen",
        (
            "Start bouw van {nummer}0 nieuwe woningen aan de {straat}. Bekijk de plannen.",
            "Een dakkapel plaatsen? Check eerst of u een omgevingsvergunning nodig heeft.",
            "Inloopavond over het bestemmingsplan {wijk} op {datum} om {tijd}.",
            "Starters in {gemeente} kunnen vanaf nu een starterslening aanvragen.",
            "Het oude schoolgebouw aan de {straat} wordt omgebouwd tot appartementen.",
            "Ingediende aanvragen omgevingsvergunning van deze week staan op onze website.",
        ),
        (
            "Heb ik een vergunning nodig voor een schuur in mijn achtertuin?",
            "Wanneer worden de nieuwbouwwoningen aan de {straat} verkocht?",
            "Hoe kan ik bezwaar maken tegen de bouwplannen in {wijk}?",
        ),
        (
            "Met de vergunningcheck op de website ziet u direct of u een vergunning nodig heeft.",
            "De verkoop start naar verwachting op {datum}, de makelaar maakt het bekend.",
            "U kunt een zienswijze indienen tot zes weken na de publicatie van het plan.",
        ),
    ),
    Topic(
        "verkiezingen",
        ("verkiezingen", "stemmen", "ikstem"),
        "verkiezingen",
        (
            "Stempassen voor de verkiezingen zijn verstuurd. Nog geen stempas ontvangen? Neem contact op.",
            "U kunt stemmen in elk stembureau van {gemeente}. Neem uw stempas en identiteitsbewijs mee.",
            "Stembureauleden gezocht! Meld u aan voor {datum}.",
            "De uitslag van de verkiezingen in {gemeente} staat vanaf vannacht op onze website.",
            "Iemand anders laten stemmen? Vul de achterkant van uw stempas in voor een volmacht.",
        ),
        (
            "Waar is het dichtstbijzijnde stembureau in {wijk}?",
            "Ik heb mijn stempas niet ontvangen, hoe kan ik toch stemmen?",
            "Mag ik met een verlopen paspoort stemmen?",
        ),
        (
            "Alle stembureaus staan op onze website, in {wijk} zit er een in de school aan de {straat}.",
            "U kunt een vervangende stempas aanvragen bij burgerzaken, uiterlijk twee dagen voor de verkiezing.",
            "Ja, een identiteitsbewijs mag op de dag van de stemming maximaal vijf jaar verlopen zijn.",
        ),
    ),
    Topic(
        "sport",
        ("sport", "zwembad", "bewegen", "cultuur"),
        "sport-en-cultuur",
        (
            "Het zwembad in {wijk} is vanaf {datum} weer open. Bekijk de nieuwe openingstijden.",
            "Buurtsportcoach in {wijk}: elke {dag} gratis sporten voor kinderen op het plein.",
            "De bibliotheek in {gemeente} organiseert op {datum} een voorleesochtend.",
            "Nieuwe kunstwerken langs de {straat}, gemaakt door leerlingen van de basisschool.",
            "Gefeliciteerd aan de sportkampioenen van {gemeente}! Vanavond gehuldigd in het gemeentehuis.",
            "Subsidie voor uw sportvereniging? Aanvragen voor volgend seizoen kan tot {datum}.",
        ),
        (
            "Wanneer gaat het buitenbad in {wijk} weer open?",
            "Hoe kan ik subsidie aanvragen voor onze jeugdafdeling?",
            "Is de sporthal aan de {straat} in de zomervakantie ook open?",
        ),
        (
            "Het buitenbad opent op {datum}, bij mooi weer zijn we tot 20.00 uur open.",
            "Subsidie vraagt u aan met het formulier op onze website, de sportconsulent helpt u graag.",
            "In de zomervakantie is de sporthal beperkt open, het rooster staat op de website.",
        ),
    ),
    Topic(
        "weer",
        ("gladheid", "strooien", "storm", "hitte"),
        "gladheid",
        (
            "Vannacht wordt gladheid verwacht. Onze strooiwagens rijden vanaf 4.00 uur.",
            "Storm verwacht: zet uw container vandaag niet buiten en zet losse spullen vast.",
            "Hitteplan actief. Let op ouderen in uw omgeving en drink voldoende water.",
            "Na de storm van gisteren zijn er nog {nummer} bomen omgewaaid. We ruimen ze vandaag op.",
            "Wateroverlast in {wijk}? Meld het via de app, dan komt de rioolbeheerder langs.",
        ),
        (
            "Waarom is er in {wijk} niet gestrooid? Het is spekglad op de fietspaden.",
            "Wie ruimt de omgewaaide boom aan de {straat} op?",
            "Hoe kan ik wateroverlast in mijn kelder melden?",
        ),
        (
            "We strooien eerst de hoofdroutes en fietspaden, de wijken volgen daarna. De strooiers zijn onderweg.",
            "Een ploeg van de buitendienst is onderweg om de boom te verwijderen.",
            "Wateroverlast meldt u via de app of telefonisch, onze rioolbeheerder komt zo snel mogelijk.",
        ),
    ),
)

# The municipality's replies that fit any question.
GENERIC_ANSWERS: tuple[str, ...] = (
    "Bedankt voor uw vraag. We zoeken het voor u uit en komen er zo snel mogelijk op terug.",
    "Goede vraag! Op onze website vindt u alle informatie hierover.",
    "Dank voor uw bericht. Wilt u ons een DM sturen met uw adres, dan kunnen we u beter helpen.",
    "Vervelend om te horen. We hebben uw melding doorgegeven aan de betreffende afdeling.",
    "Hierover kunt u het beste bellen met 14 0{nummer}, onze medewerkers helpen u graag.",
    "Sorry voor het ongemak. Het probleem is bekend en er wordt aan gewerkt.",
    "Dank u wel voor de melding! Wij pakken het op.",
    "Daar kunnen we u mee helpen. U ontvangt vandaag nog een bericht van ons.",
    "Helaas kunnen we via Twitter geen persoonsgegevens bespreken. Belt u ons even?",
    "Fijn dat u het laat weten. Een collega neemt contact met u op.",
    "Goedemorgen! We hebben het nagevraagd: het wordt deze week opgelost.",
    "Bedankt voor uw geduld. De afdeling heeft uw vraag inmiddels ontvangen.",
    "Dat klopt, de informatie op de website was verouderd. We passen het aan.",
    "Dank voor uw tip. We nemen het mee in de planning van volgende maand.",
)

# Later posts of a thread (the account replying to itself).
THREAD_CONTINUATIONS: tuple[str, ...] = (
    "Meer informatie volgt zo snel mogelijk via dit account.",
    "Update: de situatie is inmiddels onder controle.",
    "Bewoners die vragen hebben, kunnen terecht bij het informatiepunt in het gemeentehuis.",
    "Let op: dit geldt ook voor de straten rondom de {straat}.",
    "Wij houden u hier op de hoogte van de voortgang.",
    "De planning van de komende weken vindt u op onze website.",
    "Dank aan iedereen voor het begrip en het geduld!",
    "Vragen? Stel ze hieronder of bel 14 0{nummer}.",
    "Update {tijd}: de werkzaamheden liggen op schema.",
    "Tot en met {datum} kunt u uw reactie geven.",
    "Het volledige besluit leest u in het raadsvoorstel.",
    "Omwonenden hebben hierover een brief ontvangen.",
    "Ook in {wijk} worden deze maatregelen genomen.",
    "Foto's van de opening volgen later vandaag.",
    "Dit is een gezamenlijke actie van gemeente, politie en brandweer.",
    "Kijk voor de actuele situatie op onze website.",
)

# What the municipality writes above a post it quotes.
QUOTE_COMMENTS: tuple[str, ...] = (
    "Goed nieuws voor {gemeente}!",
    "Lees hier meer over.",
    "Mooi initiatief in {wijk}!",
    "Belangrijk bericht, lees even mee.",
    "Let op als u in de buurt woont.",
    "Dank voor de inzet!",
    "Hier werken we graag aan mee.",
    "Ook in {gemeente} is dit van toepassing.",
    "Zeker de moeite waard!",
    "Trots op onze inwoners.",
    "Meer informatie vindt u ook op onze website.",
    "Houd hier rekening mee op {dag}.",
    "Samen maken we {gemeente} veiliger.",
    "Fijn om te zien!",
)

# Posts of organisations in the region (police, fire brigade, local news), reposted or
# quoted by municipal accounts.
ORGANISATION_POSTS: tuple[str, ...] = (
    "Wijkagent {wijk}: vanavond extra controles op de {straat}. Rij voorzichtig.",
    "Brand in woning aan de {straat} in {gemeente}. Brandweer ter plaatse.",
    "Getuigen gezocht van de inbraak op {dag} in {wijk}. Tips via 0800-7000.",
    "Verkeersongeval op de {straat}, weg tijdelijk afgesloten. Zoek een alternatieve route.",
    "Gevonden: een bruine hond in {wijk}. Wie mist hem?",
    "Rookmelders redden levens. Test uw rookmelder elke eerste maandag van de maand.",
    "Vanaf {datum} nieuwe dienstregeling voor de buslijnen in {gemeente}.",
    "Zomerfeest in {wijk} groot succes, meer dan {nummer}000 bezoekers.",
    "Let op: nepcollectanten actief in {gemeente}. Vraag altijd naar een legitimatie.",
    "NL-Alert: grote brand in {gemeente}, sluit ramen en deuren.",
    "Gezocht: vrijwilligers voor de voedselbank in {gemeente}.",
    "De scholen in {wijk} doen mee aan de verkeersweek. Houd rekening met spelende kinderen.",
    "Nieuwe bewonersvereniging in {wijk} opgericht. Iedereen is welkom op {datum}.",
    "Wateroverlast in {gemeente} na de hevige regenval van vannacht.",
    "Bezoek de open dag van de brandweerkazerne aan de {straat} op {datum}.",
    "Het Oranjefonds steunt {nummer} projecten in {gemeente}.",
    "Vertraging op het spoor bij {gemeente} door een defecte overweg.",
    "Vanavond om {tijd} live verslag van de gemeenteraadsvergadering in {gemeente}.",
)

STREETS: tuple[str, ...] = (
    "Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianastraat",
    "Wilhelminastraat", "Beatrixlaan", "Marktplein", "Nieuwstraat", "Hoofdstraat",
    "Industrieweg", "Kastanjelaan", "Eikenlaan", "Parallelweg", "Oranjestraat",
    "Emmastraat", "Lindenlaan", "Prins Bernhardlaan", "Burgemeester de Withstraat",
    "Havenstraat", "Spoorstraat", "Zuiderweg", "Noorderweg", "Raadhuisplein", "Dijkweg",
    "Vaartweg", "Steenweg", "Bleekveld", "Koestraat",
)  # fmt: skip
WIJKEN: tuple[str, ...] = (
    "het centrum", "Noord", "Oost", "Zuid", "West", "de Binnenstad", "het Oude Dorp",
    "de Hoven", "de Bloemenbuurt", "het Rivierenkwartier", "de Vogelwijk",
    "het Stationsgebied", "Bomenbuurt", "de Componistenwijk", "het Havenkwartier",
    "de Schilderswijk", "Buitenhof", "de Molenwijk",
)  # fmt: skip
WEEKDAYS: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)  # fmt: skip
MONTHS: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)  # fmt: skip
FIRST_NAMES: tuple[str, ...] = (
    "Jan", "Piet", "Kees", "Henk", "Willem", "Daan", "Sem", "Lucas", "Thomas", "Bram",
    "Jesse", "Ruben", "Tim", "Mark", "Erik", "Joost", "Niels", "Bas", "Rob", "Gerard",
    "Anna", "Emma", "Sanne", "Lisa", "Fleur", "Eva", "Julia", "Sophie", "Lotte", "Anouk",
    "Marieke", "Ingrid", "Petra", "Linda", "Sandra", "Monique", "Esther", "Ilse", "Femke",
    "Mohamed", "Ahmed", "Fatima", "Yasmina", "Noor", "Sara", "Daniel", "Kevin", "Iris",
)  # fmt: skip
SURNAMES: tuple[str, ...] = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin",
    "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet", "Yilmaz", "El Amrani",
)  # fmt: skip


def all_templates() -> list[str]:
    texts: list[str] = []
    for topic in TOPICS:
        texts.extend(topic.originals + topic.questions + topic.answers)
    texts.extend(GENERIC_ANSWERS + THREAD_CONTINUATIONS + QUOTE_COMMENTS + ORGANISATION_POSTS)
    return texts


def check_templates() -> None:
    """Raise ValueError for a template that could not go into JSON or HTML unescaped."""
    for text in all_templates() + list(STREETS + WIJKEN + FIRST_NAMES + SURNAMES):
        if any(ch in UNSAFE for ch in text) or any(ord(ch) < 32 for ch in text):
            raise ValueError(f"template needs escaping: {text!r}")


UNSAFE = frozenset('"\\&<>')
