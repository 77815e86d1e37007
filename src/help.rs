//! `--help` in the user's language. The doc comments on `args.rs` are the English column; this
//! table gives the Danish and Swedish of every command's description, every option's and
//! argument's help, the help after the options and clap's own headings and flags, and
//! [`localised`] rewrites a built `clap::Command` with them. A test walks the whole command tree,
//! so a command or option cannot be added in English only.

use clap::Command;

/// What a text in the table describes, by where it is in the command tree: `"batch"` (the
/// command's description), `"batch after"` (its help after the options), `"batch budget"` (its
/// option or argument with that id), `"samples generate count"`. The root is `""`. Options
/// many commands share (`lang`, `help`, `version`, `rules`, `inputs`, `output`, `jobs`, `register`,
/// the `round` commands' `id`) are found by
/// their id after a star (`"*rules"`), which no command's name begins with.
type Key = &'static str;

/// Danish and Swedish, by [`Key`].
const TABLE: &[(Key, &str, &str)] = &[
    (
        "",
        "Vurderer ansøgninger om støtte efter et regelsæt med prioriterede kriterier skrevet som redigerbare Rhai-scripts, og begrunder hver afgørelse.",
        "Bedömer ansökningar om stöd efter ett regelpaket med prioriterade kriterier skrivna som redigerbara Rhai-skript, och motiverar varje beslut.",
    ),
    (
        "after",
        "Uden --rules bruges det indbyggede standardregelsæt (se »kriterium rules list«).\nAfslutningsstatus: 0 alt i orden; 1 noget input var ugyldigt eller kunne ikke vurderes; 2 brugsfejl eller ubrugeligt regelsæt; 3 resultaterne kunne ikke skrives eller gemmes (fuld disk, skrivebeskyttet mappe) — intet halvt skrevet efterlades.",
        "Utan --rules används det inbyggda standardregelpaketet (se ”kriterium rules list”).\nSlutstatus: 0 allt i ordning; 1 någon indata var ogiltig eller kunde inte bedömas; 2 användningsfel eller oanvändbart regelpaket; 3 resultaten kunde inte skrivas eller sparas (full disk, skrivskyddad mapp) — inget halvskrivet lämnas kvar.",
    ),
    (
        "*lang",
        "Sprog for meddelelser og for titler, betegnelser og tal i rapporter og resultater [standard: regelsættets sprog; meddelelser følger også KRITERIUM_LANG og locale]",
        "Språk för meddelanden och för titlar, etiketter och tal i rapporter och resultat [standard: regelpaketets språk; meddelanden följer också KRITERIUM_LANG och locale]",
    ),
    (
        "*reviews",
        "Bedømmelsesark (.csv eller .xlsx): bedømmernes point for regelsættets kriterier, som bedømmere giver point; ét ark pr. bedømmer eller ét for alle (skriv dem efter ansøgningerne, eller angiv --reviews én gang pr. fil); en mappe giver alle ark i den og dens panel.toml som panel",
        "Bedömningsblad (.csv eller .xlsx): bedömarnas poäng för regelpaketets kriterier som bedömare ger poäng; ett blad per bedömare eller ett för alla (skriv dem efter ansökningarna, eller ange --reviews en gång per fil); en mapp ger alla blad i den och dess panel.toml som panel",
    ),
    (
        "*panel",
        "Panelet (panel.toml): dets medlemmer og deres oplyste tilknytninger, så et medlem, der er inhabil, træder til side (som standard panel.toml i en mappe givet til --reviews)",
        "Panelen (panel.toml): dess medlemmar och deras uppgivna anknytningar, så att en medlem som är jävig står åt sidan (som standard panel.toml i en mapp given till --reviews)",
    ),
    ("*help", "Vis hjælp", "Visa hjälp"),
    ("*version", "Vis versionen", "Visa versionen"),
    (
        "*rules",
        "Regelsæt: en mappe med en pack.toml eller navnet på et indbygget regelsæt",
        "Regelpaket: en mapp med en pack.toml eller namnet på ett inbyggt regelpaket",
    ),
    (
        "*inputs",
        "Ansøgningsfiler (.json), JSON Lines-filer (.jsonl), mapper med dem (alle .json og .jsonl nedenunder, uanset store og små bogstaver; ikke skjulte filer eller resultatmapper), eller - for JSON Lines på standard input",
        "Ansökningsfiler (.json), JSON Lines-filer (.jsonl), mappar med sådana (alla .json och .jsonl därunder, oavsett stora och små bokstäver; inte dolda filer eller resultatmappar), eller - för JSON Lines på standard input",
    ),
    (
        "*output",
        "Skriv til FIL i stedet for standard output (skrives helt eller slet ikke)",
        "Skriv till FIL i stället för standard output (skrivs helt eller inte alls)",
    ),
    (
        "validate",
        "Kontroller ansøgninger mod skemaet og regelsættets egne krav",
        "Kontrollera ansökningar mot schemat och regelpaketets egna krav",
    ),
    (
        "assess",
        "Vurder én ansøgning og vis afgørelsen med begrundelse",
        "Bedöm en ansökan och visa beslutet med motivering",
    ),
    (
        "assess application",
        "Ansøgningsfilen (.json)",
        "Ansökningsfilen (.json)",
    ),
    (
        "assess year",
        "Året, runden gælder: årets pulje fra regelsættet, og det scripts læser som pack.year [standard: intet år, regelsættets samlede pulje]",
        "Året som omgången gäller: årets budget från regelpaketet, och det skript läser som pack.year [standard: inget år, regelpaketets hela budget]",
    ),
    ("assess format", "Format", "Format"),
    (
        "batch",
        "Vurder mange ansøgninger, prioriter dem og træk finansieringslinjen inden for puljen",
        "Bedöm många ansökningar, prioritera dem och dra finansieringsgränsen inom budgeten",
    ),
    (
        "batch after",
        "Skriver til --out: decisions.jsonl (én afgørelse pr. ansøgning: de placerede i rækkefølge, derefter resten), ranking.csv (til dansk Excel og LibreOffice: UTF-8 med BOM, »;« mellem felterne, decimalkomma), ranking.xlsx (den samme prioritering som regneark, til ethvert Excel eller LibreOffice), summary.json (antal, pulje, afviste indsendelser med begrundelse), index.html (den samlede prioritering) og reports/ID.html og reports/ID.md (én rapport pr. ansøgning).\nHele resultatet skrives i en ny mappe ved siden af DIR (.DIR.staging-…) og erstatter DIR i ét skridt, når det er færdigt, så DIR altid rummer præcis én hel kørsel. Det, en afbrudt kørsel efterlod, fjernes af den næste. DIR skal være ny, tom eller en resultatmappe fra en tidligere batch: en mappe med andre filer afvises og tømmes aldrig. Afslutningsstatus 3, når resultaterne ikke kan gemmes (fuld disk, skrivebeskyttet mappe); DIR er da urørt.\nResultater læses aldrig som ansøgninger: ligger DIR i en inputmappe, er den ikke input (det er ingen resultatmappe, eller skjult .NAVN-mappe som staging-mapperne).",
        "Skriver till --out: decisions.jsonl (ett beslut per ansökan: de placerade i ordning, sedan resten), ranking.csv (för Excel och LibreOffice: UTF-8 med BOM, ”;” mellan fälten, decimalkomma), ranking.xlsx (samma prioritering som kalkylblad, för alla Excel och LibreOffice), summary.json (antal, budget, avvisade inlämningar med motivering), index.html (den samlade prioriteringen) och reports/ID.html och reports/ID.md (en rapport per ansökan).\nHela resultatet skrivs i en ny mapp bredvid DIR (.DIR.staging-…) och ersätter DIR i ett steg när det är klart, så DIR alltid innehåller exakt en hel körning. Det en avbruten körning lämnade tas bort av nästa. DIR måste vara ny, tom eller en resultatmapp från en tidigare batch: en mapp med andra filer avvisas och töms aldrig. Slutstatus 3 när resultaten inte kan sparas (full disk, skrivskyddad mapp); DIR är då orörd.\nResultat läses aldrig som ansökningar: ligger DIR i en indatamapp är den inte indata (inte heller någon resultatmapp eller dold .NAMN-mapp som staging-mapparna).",
    ),
    (
        "batch out",
        "Mappe til resultaterne (oprettes, hvis den mangler; erstattes helt ved hver kørsel)",
        "Mapp för resultaten (skapas om den saknas; ersätts helt vid varje körning)",
    ),
    (
        "batch budget",
        "Pulje at give støtte inden for, i hele enheder af regelsættets valuta, fx 400000 eller 400.000 [standard: puljen for --year, ellers regelsættets pulje]",
        "Budget att bevilja inom, i hela enheter av regelpaketets valuta, t.ex. 400000 eller 400 000 [standard: budgeten för --year, annars regelpaketets budget]",
    ),
    (
        "batch year",
        "Året, runden gælder: årets pulje fra regelsættet, og det scripts læser som pack.year [standard: intet år, regelsættets samlede pulje]",
        "Året som omgången gäller: årets budget från regelpaketet, och det skript läser som pack.year [standard: inget år, regelpaketets hela budget]",
    ),
    (
        "*jobs",
        "Arbejdstråde, 1 til 256 [standard: alle kerner]",
        "Arbetstrådar, 1 till 256 [standard: alla kärnor]",
    ),
    (
        "batch reports",
        "Hvilke rapporter der skrives: en rapport pr. ansøgning i reports/ (HTML, Markdown eller begge) og oversigten index.html; »none« skriver ingen af dem (til meget store batches)",
        "Vilka rapporter som skrivs: en rapport per ansökan i reports/ (HTML, Markdown eller båda) och översikten index.html; ”none” skriver ingen av dem (för mycket stora batcher)",
    ),
    (
        "verify",
        "Vurder en ansøgning igen og kontroller, at en gemt afgørelse genskabes præcist",
        "Bedöm en ansökan igen och kontrollera att ett sparat beslut återskapas exakt",
    ),
    (
        "verify after",
        "DECISION er en afgørelse, som »assess --format json« skriver den, eller en batchs decisions.jsonl (afgørelsen om ansøgningen findes ud fra dens id). Uden --rules bruges det indbyggede regelsæt, afgørelsen nævner. Afslutningsstatus 0, når afgørelsen genskabes præcist, 1, når noget er anderledes.",
        "DECISION är ett beslut som ”assess --format json” skriver det, eller en batchs decisions.jsonl (beslutet om ansökan hittas via dess id). Utan --rules används det inbyggda regelpaket som beslutet nämner. Slutstatus 0 när beslutet återskapas exakt, 1 när något skiljer sig.",
    ),
    (
        "verify decision",
        "Den gemte afgørelse (.json eller en batchs decisions.jsonl)",
        "Det sparade beslutet (.json eller en batchs decisions.jsonl)",
    ),
    (
        "verify application",
        "Ansøgningsfilen (.json), afgørelsen blev truffet om",
        "Ansökningsfilen (.json) som beslutet fattades om",
    ),
    (
        "check",
        "Vis alle fejl og advarsler i et regelsæt, hver med fil:linje:kolonne",
        "Visa alla fel och varningar i ett regelpaket, var och en med fil:rad:kolumn",
    ),
    (
        "check after",
        "Fejl forhindrer, at regelsættet bruges: problemer i manifestet, dobbelte id'er, vægte og point uden mening, syntaksfejl i scripts, ukendte funktioner, felter ingen ansøgning har. Advarsler er sandsynlige fejl, som stadig kører: ubrugte scripts og parametre, et kriterium med lavere prioritet, der kan veje tungere end et højere, et kriterium, der aldrig giver point.\nAfslutningsstatus: 0 ingen fejl (advarsler tilladt), 1 advarsler med --deny-warnings, 2 fejl.",
        "Fel hindrar att regelpaketet används: problem i manifestet, dubbla id:n, vikter och poäng utan mening, syntaxfel i skript, okända funktioner, fält som ingen ansökan har. Varningar är troliga misstag som ändå körs: oanvända skript och parametrar, ett kriterium med lägre prioritet som kan väga tyngre än ett högre, ett kriterium som aldrig ger poäng.\nSlutstatus: 0 inga fel (varningar tillåtna), 1 varningar med --deny-warnings, 2 fel.",
    ),
    (
        "check pack",
        "En regelsætsmappe eller navnet på et indbygget regelsæt",
        "En regelpaketsmapp eller namnet på ett inbyggt regelpaket",
    ),
    (
        "check deny_warnings",
        "Afslut med 1, når der er advarsler",
        "Avsluta med 1 när det finns varningar",
    ),
    (
        "test",
        "Kør et regelsæts egne testtilfælde (tests/*.toml og tests/*.json) og vis hver fejl",
        "Kör ett regelpakets egna testfall (tests/*.toml och tests/*.json) och visa varje fel",
    ),
    (
        "test after",
        "Hvert tilfælde nævner en ansøgning, og hvad regelsættet skal afgøre for den (støtteberettiget, adgangskrav, point, samlet, vendinger i begrundelsen); se docs/rule-authoring.md.\nAfslutningsstatus: 0 alle tilfælde bestået; 1 et tilfælde fejlede eller kunne ikke køre; 2 regelsættet kan ikke bruges.",
        "Varje testfall nämner en ansökan och vad regelpaketet ska besluta om den (behörig, behörighetskrav, poäng, totalt, formuleringar i motiveringen); se docs/rule-authoring.md.\nSlutstatus: 0 alla testfall godkända; 1 ett testfall underkändes eller kunde inte köras; 2 regelpaketet kan inte användas.",
    ),
    (
        "test pack",
        "En regelsætsmappe eller navnet på et indbygget regelsæt",
        "En regelpaketsmapp eller namnet på ett inbyggt regelpaket",
    ),
    (
        "diff",
        "Vis, hvilke afgørelser en ændring af regelsættet flytter: point, samlet, placering, indstilling og bevilling pr. ansøgning, og en sammenfatning",
        "Visa vilka beslut en ändring av regelpaketet flyttar: poäng, totalt, placering, förslag och beviljat belopp per ansökan, och en sammanfattning",
    ),
    (
        "diff after",
        "Begge regelsæt vurderer de samme ansøgninger, og hver runde prioriteres inden for sit regelsæts pulje (dets pulje for --year, eller --budget). Ens regelsæt giver ingen ændringer. Afslutningsstatus: 0 alt input vurderet; 1 noget input blev afvist (vist i resultatet); 2 brugsfejl eller ubrugeligt regelsæt; 3 resultatet kunne ikke skrives.",
        "Båda regelpaketen bedömer samma ansökningar, och varje omgång prioriteras inom sitt regelpakets budget (dess budget för --year, eller --budget). Likadana regelpaket ger inga ändringar. Slutstatus: 0 all indata bedömd; 1 någon indata avvisades (visas i resultatet); 2 användningsfel eller oanvändbart regelpaket; 3 resultatet kunde inte skrivas.",
    ),
    (
        "diff old",
        "Regelsættet, som det er: en mappe eller navnet på et indbygget regelsæt",
        "Regelpaketet som det är: en mapp eller namnet på ett inbyggt regelpaket",
    ),
    (
        "diff new",
        "Det ændrede regelsæt: en mappe eller navnet på et indbygget regelsæt",
        "Det ändrade regelpaketet: en mapp eller namnet på ett inbyggt regelpaket",
    ),
    (
        "diff budget",
        "Pulje, begge runder prioriteres inden for, i hele enheder af valutaen, fx 400000 eller 400.000 [standard: hvert regelsæts pulje for --year, ellers dets pulje]",
        "Budget som båda omgångarna prioriteras inom, i hela enheter av valutan, t.ex. 400000 eller 400 000 [standard: varje regelpakets budget för --year, annars dess budget]",
    ),
    (
        "diff year",
        "Året, runden gælder: årets pulje fra regelsættet, og det scripts læser som pack.year [standard: intet år, regelsættets samlede pulje]",
        "Året som omgången gäller: årets budget från regelpaketet, och det skript läser som pack.year [standard: inget år, regelpaketets hela budget]",
    ),
    (
        "diff format",
        "Format: text til terminalen, md eller html til mødet, json til værktøjer",
        "Format: text för terminalen, md eller html för mötet, json för verktyg",
    ),
    (
        "sensitivity",
        "Vis, hvor robust prioriteringen er: for hver ansøgning nær finansieringslinjen den mindste ændring af ét kriteriums vægt, der ændrer, om den får støtte",
        "Visa hur robust prioriteringen är: för varje ansökan nära finansieringsgränsen den minsta ändring av ett kriteriums vikt som ändrar om den beviljas",
    ),
    (
        "sensitivity after",
        "Vægtene ændres én ad gangen, inden for ±50 %, til vægte et regelsæt kan rumme (to decimaler); hver vist vægt ændrer, skrevet i pack.toml, ansøgningens støtte. Ændringer inden for ±10 % markeres med ⚠.\nAfslutningsstatus: 0 alt input vurderet; 1 noget input blev afvist (vist på standard error); 2 brugsfejl eller ubrugeligt regelsæt.",
        "Vikterna ändras en i taget, inom ±50 %, till vikter som ett regelpaket kan innehålla (två decimaler); varje visad vikt ändrar, skriven i pack.toml, ansökans stöd. Ändringar inom ±10 % markeras med ⚠.\nSlutstatus: 0 all indata bedömd; 1 någon indata avvisades (visas på standard error); 2 användningsfel eller oanvändbart regelpaket.",
    ),
    (
        "sensitivity budget",
        "Pulje at give støtte inden for, i hele enheder af regelsættets valuta, fx 400000 eller 400.000 [standard: puljen for --year, ellers regelsættets pulje]",
        "Budget att bevilja inom, i hela enheter av regelpaketets valuta, t.ex. 400000 eller 400 000 [standard: budgeten för --year, annars regelpaketets budget]",
    ),
    (
        "sensitivity year",
        "Året, runden gælder: årets pulje fra regelsættet, og det scripts læser som pack.year [standard: intet år, regelsættets samlede pulje]",
        "Året som omgången gäller: årets budget från regelpaketet, och det skript läser som pack.year [standard: inget år, regelpaketets hela budget]",
    ),
    ("sensitivity format", "Format", "Format"),
    (
        "completions",
        "Skriv kommandolinjefuldførelser: tilføj »source <(kriterium completions bash)« til ~/.bashrc, eller se README",
        "Skriv kompletteringar för skalet: lägg till ”source <(kriterium completions bash)” i ~/.bashrc, eller se README",
    ),
    (
        "completions shell",
        "Skallen, fuldførelserne er til",
        "Skalet som kompletteringarna är för",
    ),
    (
        "schema",
        "Skriv JSON-skemaet for en ansøgning, et regelsæts manifest eller en afgørelse",
        "Skriv JSON-schemat för en ansökan, ett regelpakets manifest eller ett beslut",
    ),
    ("schema kind", "Hvilket skema", "Vilket schema"),
    (
        "samples",
        "Lav syntetiske ansøgninger til benchmarks og skalatest",
        "Skapa syntetiska ansökningar för benchmarks och skaltester",
    ),
    (
        "samples generate",
        "Skriv N gyldige ansøgninger som JSON Lines, varieret ud fra skabelonansøgninger; samme seed giver de samme ansøgninger på alle maskiner",
        "Skriv N giltiga ansökningar som JSON Lines, varierade utifrån mallansökningar; samma seed ger samma ansökningar på alla datorer",
    ),
    (
        "samples generate count",
        "Hvor mange ansøgninger",
        "Hur många ansökningar",
    ),
    (
        "samples generate seed",
        "Seed for variationerne",
        "Seed för variationerna",
    ),
    (
        "samples generate rules",
        "Indbygget regelsæt, hvis eksempelansøgninger er skabelonerne [standard: standardregelsættet]",
        "Inbyggt regelpaket vars exempelansökningar är mallarna [standard: standardregelpaketet]",
    ),
    (
        "import",
        "Gør en formulareksport (CSV eller XLSX) til ansøgninger (JSON Lines) efter en opsætning, eller skriv en formular at begynde med",
        "Gör en formulärexport (CSV eller XLSX) till ansökningar (JSON Lines) enligt en mappning, eller skriv ett formulär att börja med",
    ),
    (
        "import after",
        "Opsætningen (TOML) siger, hvilken kolonne der udfylder hvilket felt, og hvordan celler omsættes: danske beløb og datoer, ja/nej, lister, ord oversat til skemaets værdier; docs/import.md beskriver den. MAP er en opsætningsfil eller navnet på en formular, regelsættet har med (forms/MAP.toml i regelsættet).\nHver ansøgning valideres, som batch validerer den. Gyldige skrives til FIL; hver afvist række står på standard error med sine begrundelser efter række og kolonne, derefter en opsummering.\n--template -o FORM.xlsx skriver en formular med en kolonne pr. felt, en eksempelrække og lister over faste værdier, og dens opsætning FORM.toml ved siden af.\nAfslutningsstatus: 0 alle rækker importeret; 1 en række blev afvist; 2 opsætningen kan ikke bruges, eller arket kan ikke læses.",
        "Mappningen (TOML) säger vilken kolumn som fyller vilket fält och hur celler omvandlas: danska belopp och datum, ja/nej, listor, ord översatta till schemats värden; docs/import.md beskriver den. MAP är en mappningsfil eller namnet på ett formulär som regelpaketet har med (forms/MAP.toml i regelpaketet).\nVarje ansökan valideras som batch validerar den. Giltiga skrivs till FIL; varje avvisad rad listas på standard error med sina skäl per rad och kolumn, därefter en sammanfattning.\n--template -o FORM.xlsx skriver ett formulär med en kolumn per fält, en exempelrad och listor över fasta värden, och dess mappning FORM.toml bredvid.\nSlutstatus: 0 alla rader importerade; 1 någon rad avvisades; 2 mappningen kan inte användas eller arket kan inte läsas.",
    ),
    (
        "import sheet",
        "Arket: en CSV-fil (.csv, .txt, .tsv; »,« »;« eller tabulator; UTF-8 eller Windows-1252) eller en Excel-projektmappe (.xlsx)",
        "Arket: en CSV-fil (.csv, .txt, .tsv; ”,” ”;” eller tabb; UTF-8 eller Windows-1252) eller en Excel-arbetsbok (.xlsx)",
    ),
    (
        "import mapping",
        "Opsætningen: en TOML-fil eller navnet på en formular, regelsættet har med (forms/MAP.toml)",
        "Mappningen: en TOML-fil eller namnet på ett formulär som regelpaketet har med (forms/MAP.toml)",
    ),
    (
        "import output",
        "Skriv ansøgningerne til FIL (JSON Lines, skrives helt eller slet ikke), eller - for standard output",
        "Skriv ansökningarna till FIL (JSON Lines, skrivs helt eller inte alls), eller - för standard output",
    ),
    (
        "import template",
        "Skriv i stedet en formular at udfylde (-o FORM.xlsx) og dens opsætning (FORM.toml ved siden af)",
        "Skriv i stället ett formulär att fylla i (-o FORM.xlsx) och dess mappning (FORM.toml bredvid)",
    ),
    (
        "samples generate from",
        "En mappe med ansøgningsfiler (.json), der bruges som skabeloner i stedet",
        "En mapp med ansökningsfiler (.json) som används som mallar i stället",
    ),
    (
        "rules",
        "Vis de indbyggede regelsæt, eller eksporter et til en mappe for at redigere det",
        "Visa de inbyggda regelpaketen, eller exportera ett till en mapp för att redigera det",
    ),
    (
        "rules list",
        "Vis de indbyggede regelsæt",
        "Visa de inbyggda regelpaketen",
    ),
    (
        "rules definitions",
        "Skriv Rhai-definitionsfiler (.d.rhai) for script-API'et og ansøgningens felter, så en editor med en Rhai-udvidelse kan fuldføre dem",
        "Skriv Rhai-definitionsfiler (.d.rhai) för skript-API:t och ansökans fält, så att en editor med ett Rhai-tillägg kan komplettera dem",
    ),
    (
        "rules definitions dir",
        "Mappen, kriterium.d.rhai og fields.d.rhai skrives til (oprettes, hvis den mangler)",
        "Mappen som kriterium.d.rhai och fields.d.rhai skrivs till (skapas om den saknas)",
    ),
    (
        "rules export",
        "Skriv et indbygget regelsæt til en ny mappe for at redigere det og bruge det med --rules DIR",
        "Skriv ett inbyggt regelpaket till en ny mapp för att redigera det och använda det med --rules DIR",
    ),
    (
        "rules export name",
        "Det indbyggede regelsæts navn",
        "Det inbyggda regelpaketets namn",
    ),
    (
        "rules export dir",
        "Mappen, der oprettes (må ikke findes eller skal være tom)",
        "Mappen som skapas (får inte finnas eller måste vara tom)",
    ),
    (
        "*register",
        "Registerfilen [standard: KRITERIUM_REGISTER, ellers kriterium.sqlite]",
        "Registerfilen [standard: KRITERIUM_REGISTER, annars kriterium.sqlite]",
    ),
    (
        "round",
        "Runder i registret: åbn en under et regelsæt, tilføj ansøgninger, vis, eksporter, luk",
        "Omgångar i registret: öppna en under ett regelpaket, lägg till ansökningar, visa, exportera, stäng",
    ),
    (
        "round after",
        "Registret er én SQLite-fil: --register FILE, ellers KRITERIUM_REGISTER, ellers kriterium.sqlite i den aktuelle mappe. Kun »round open« opretter den. Hver kommando ændrer den i én transaktion: afbrydes den undervejs, er registret som før eller som efter.\nAfslutningsstatus: 0 udført; 1 noget input blev afvist; 2 brugsfejl, en ukendt runde eller ansøgning, en lukket runde (intet er ændret); 3 registret kan ikke bruges (ikke et register, fra en nyere kriterium, låst, skrivebeskyttet).",
        "Registret är en SQLite-fil: --register FILE, annars KRITERIUM_REGISTER, annars kriterium.sqlite i den aktuella mappen. Bara ”round open” skapar den. Varje kommando ändrar den i en transaktion: avbryts det var som helst är registret som före eller som efter.\nSlutstatus: 0 klart; 1 någon indata avvisades; 2 användningsfel, en okänd omgång eller ansökan, en stängd omgång (inget har ändrats); 3 registret kan inte användas (inte ett register, från en nyare kriterium, låst, skrivskyddat).",
    ),
    (
        "round open",
        "Åbn en runde: gem regelsættet (hver fil og dets fingeraftryk), året og puljen",
        "Öppna en omgång: spara regelpaketet (varje fil och dess fingeravtryck), året och budgeten",
    ),
    (
        "round open after",
        "Standardpuljen er årets pulje i regelsættet minus de tilsagn, årets tidligere runder har givet.",
        "Standardbudgeten är årets budget i regelpaketet minus det som årets tidigare omgångar har beviljat.",
    ),
    (
        "round open id",
        "Rundens id, fx 2025-1",
        "Omgångens id, t.ex. 2025-1",
    ),
    (
        "round open year",
        "Det år, rundens tilsagn belaster",
        "Året som omgångens beviljade belopp belastar",
    ),
    (
        "round open budget",
        "Rundens pulje, i hele enheder af regelsættets valuta, fx 200000 eller 200.000 [standard: årets pulje minus de tilsagn, årets tidligere runder har givet]",
        "Omgångens budget, i hela enheter av regelpaketets valuta, t.ex. 200000 eller 200 000 [standard: årets budget minus det som årets tidigare omgångar har beviljat]",
    ),
    (
        "round open title",
        "Rundens titel [standard: regelsættets id og året]",
        "Omgångens titel [standard: regelpaketets id och året]",
    ),
    (
        "round add",
        "Valider, vurder og gem ansøgninger i en runde, som batch vurderer dem",
        "Validera, bedöm och spara ansökningar i en omgång, så som batch bedömer dem",
    ),
    (
        "round add after",
        "Hver indsendelse gemmes eller afvises med sine begrundelser. Den samme ansøgning tilføjet igen genkendes; en anden ansøgning under et id, runden allerede har, afvises. Ansøgningerne vurderes først og gemmes til sidst i én kort transaktion.",
        "Varje inlämning sparas eller avvisas med sina skäl. Samma ansökan som läggs till igen känns igen; en annan ansökan under ett id som omgången redan har avvisas. Ansökningarna bedöms först och sparas till sist i en kort transaktion.",
    ),
    ("*id", "Rundens id", "Omgångens id"),
    (
        "round show",
        "Vis en runde: prioriteringen med finansieringslinjen, afgørelserne og pengene pr. år",
        "Visa en omgång: prioriteringen med finansieringsgränsen, besluten och pengarna per år",
    ),
    ("round show format", "Format", "Format"),
    (
        "round list",
        "Vis runderne og pengene pr. år",
        "Visa omgångarna och pengarna per år",
    ),
    ("round list format", "Format", "Format"),
    (
        "round export",
        "Skriv en rundes resultater fra registret, som batch skriver dem, og gruppens afgørelser",
        "Skriv en omgångs resultat från registret så som batch skriver dem, och gruppens beslut",
    ),
    (
        "round export out",
        "Mappe til resultaterne (erstattes helt, som batch erstatter den)",
        "Mapp för resultaten (ersätts helt, så som batch ersätter den)",
    ),
    (
        "round export reports",
        "Hvilke rapporter der skrives",
        "Vilka rapporter som skrivs",
    ),
    (
        "round close",
        "Luk en runde: derefter kan intet i runden ændres",
        "Stäng en omgång: därefter kan inget i omgången ändras",
    ),
    (
        "decide",
        "Registrer gruppens afgørelse om en ansøgning: et tilsagn (delvist med et beløb) eller et afslag",
        "Registrera gruppens beslut om en ansökan: ett beviljande (delvis med ett belopp) eller ett avslag",
    ),
    (
        "decide after",
        "En afgørelse, der afviger fra indstillingen, kræver --reason. Et tilsagn belaster rundens år og overstiger aldrig det, året har tilbage, eller det ansøgte beløb. Mens runden er åben, kan en afgørelse ændres ved at træffe den igen; den tidligere bevares i historikken med tidspunkt og hvem.\nAfslutningsstatus: 0 registreret; 2 ikke registreret (intet er ændret); 3 registret kan ikke bruges.",
        "Ett beslut som avviker från förslaget kräver --reason. Ett beviljande belastar omgångens år och överstiger aldrig det som året har kvar, eller det sökta beloppet. Medan omgången är öppen kan ett beslut ändras genom att fatta det på nytt; det tidigare sparas i historiken, med när och av vem.\nSlutstatus: 0 registrerat; 2 inte registrerat (inget har ändrats); 3 registret kan inte användas.",
    ),
    (
        "letters",
        "Skriv en rundes afgørelsesbreve: ét pr. afgjort ansøgning, som HTML, Markdown og PDF",
        "Skriv en omgångs beslutsbrev: ett per avgjord ansökan, som HTML, Markdown och PDF",
    ),
    (
        "letters after",
        "Et brev handler om gruppens registrerede afgørelse (kriterium decide): et tilsagn, et delvist tilsagn eller et afslag, med retsgrundlaget, hovedhensynene, de afgørende forhold, hvor støttelinjen faldt og hvad der ville have ændret udfaldet, vilkårene og klagevejledningen (forvaltningsloven §§ 22-25), med ordene fra rundens regelsæt ([letter] i pack.toml). Brevene skrives på det sprog, runden er vurderet på. Mappen erstattes helt, som batch erstatter sine resultater.\nAfslutningsstatus: 0 skrevet; 2 afvist (ingen afgørelser, eller regelsættet har ingen [letter]); 3 registret kan ikke bruges, eller brevene kan ikke skrives.",
        "Ett brev gäller gruppens registrerade beslut (kriterium decide): ett beviljande, ett delvis beviljande eller ett avslag, med den rättsliga grunden, de huvudsakliga övervägandena, de avgörande omständigheterna, var stödgränsen gick och vad som hade ändrat utfallet, villkoren och hur man överklagar, med orden från omgångens regelpaket ([letter] i pack.toml). Breven skrivs på det språk som omgången bedömdes på. Mappen ersätts helt, så som batch ersätter sina resultat.\nSlutstatus: 0 skrivet; 2 avvisat (inga beslut, eller regelpaketet har ingen [letter]); 3 registret kan inte användas, eller breven kan inte skrivas.",
    ),
    ("letters round", "Rundens id", "Omgångens id"),
    (
        "letters out",
        "Mappe til brevene [standard: letters-RUNDE]",
        "Mapp för breven [standard: letters-OMGÅNG]",
    ),
    (
        "serve",
        "Mødeappen: en lokal webside over registret, hvor gruppen ser runderne, justerer vægtene, træffer afgørelser og skriver breve",
        "Mötesappen: en lokal webbsida över registret, där gruppen ser omgångarna, justerar vikterna, fattar beslut och skriver brev",
    ),
    (
        "serve after",
        "Lytter kun på 127.0.0.1 og skriver adressen med en adgangsnøgle: kun den, der har adressen, kan bruge appen (ikke maskinens andre brugere). Stop med Ctrl+C.\nHver ændring går gennem samme kode som kommandoerne (decide, reviews add, letters), så appen og kommandolinjen aldrig er uenige. En afsluttet runde vises skrivebeskyttet.\nAfslutningsstatus: 0 stoppet; 2 porten kan ikke bruges, eller der er intet register i FIL; 3 registret kan ikke bruges (ikke et register, beskadiget).",
        "Lyssnar bara på 127.0.0.1 och skriver adressen med en åtkomstnyckel: bara den som har adressen kan använda appen (inte datorns andra användare). Stoppa med Ctrl+C.\nVarje ändring går genom samma kod som kommandona (decide, reviews add, letters), så appen och kommandoraden aldrig är oense. En avslutad omgång visas skrivskyddad.\nSlutstatus: 0 stoppad; 2 porten kan inte användas, eller det finns inget register i FIL; 3 registret kan inte användas (inte ett register, skadat).",
    ),
    (
        "serve port",
        "Porten på 127.0.0.1, der lyttes på; 0 lader systemet vælge en ledig",
        "Porten på 127.0.0.1 som lyssnas på; 0 låter systemet välja en ledig",
    ),
    ("decide round", "Rundens id", "Omgångens id"),
    ("decide application", "Ansøgningens id", "Ansökans id"),
    (
        "decide outcome",
        "Hvad gruppen besluttede: grant (tilsagn) eller reject (afslag)",
        "Vad gruppen beslutade: grant (beviljande) eller reject (avslag)",
    ),
    (
        "decide amount",
        "Det bevilgede beløb, fx 150.000 (et tilsagn uden beløb giver det ansøgte beløb)",
        "Beviljat belopp, t.ex. 150 000 (ett beviljande utan belopp ger det sökta beloppet)",
    ),
    (
        "decide date",
        "Datoen for mødet, hvor afgørelsen blev truffet, ÅÅÅÅ-MM-DD",
        "Datum för mötet där beslutet fattades, ÅÅÅÅ-MM-DD",
    ),
    (
        "decide reason",
        "Begrundelsen: påkrævet, når afgørelsen afviger fra indstillingen",
        "Motiveringen: krävs när beslutet avviker från förslaget",
    ),
    (
        "decide abstained",
        "Et medlem, der var inhabil og ikke deltog i afgørelsen (gentag for flere)",
        "En ledamot som var jävig och inte deltog (upprepa för fler)",
    ),
    (
        "register",
        "Kontroller hele registret: vurderinger, penge og log",
        "Kontrollera hela registret: bedömningar, pengar och liggare",
    ),
    (
        "register verify",
        "Vurder hver ansøgning i hver runde igen under rundens gemte regelsæt, og kontroller pengene og loggen",
        "Bedöm varje ansökan i varje omgång igen under omgångens sparade regelpaket, och kontrollera pengarna och liggaren",
    ),
    (
        "register verify after",
        "Bruger kun registret: regelsættene er de kopier, der blev gemt, da runderne blev åbnet. Afslutningsstatus: 0 alt stemmer; 1 noget er anderledes (hver forskel nævnes); 3 registret kan ikke bruges.",
        "Använder bara registret: regelpaketen är de kopior som sparades när omgångarna öppnades. Slutstatus: 0 allt stämmer; 1 något skiljer sig (varje skillnad nämns); 3 registret kan inte användas.",
    ),
    (
        "panel",
        "Panelet i registret: medlemmerne, der bedømmer, deres oplyste tilknytninger og inhabiliteter",
        "Panelen i registret: ledamöterna som bedömer, deras uppgivna anknytningar och jäv",
    ),
    (
        "panel after",
        "Panelet gælder hele registret: hver åben runde bruger det senest angivne panel, og en runde, der åbnes senere, overtager det. Angives det igen, bevares det tidligere i historikken, og de åbne runders ansøgninger vurderes igen.\nAfslutningsstatus: 0 udført; 2 filen er afvist (intet er ændret); 3 registret kan ikke bruges.",
        "Panelen gäller hela registret: varje öppen omgång använder den senast angivna panelen, och en omgång som öppnas senare tar över den. Anges den på nytt bevaras den tidigare i historiken, och de öppna omgångarnas ansökningar bedöms igen.\nSlutstatus: 0 utfört; 2 filen avvisades (inget har ändrats); 3 registret kan inte användas.",
    ),
    (
        "panel set",
        "Angiv panelet fra en panel.toml ([[member]] med organisationer, kommuner og roller; [[conflict]] oplyst i hånden)",
        "Ange panelen från en panel.toml ([[member]] med organisationer, kommuner och roller; [[conflict]] uppgivet för hand)",
    ),
    (
        "panel set file",
        "Panelfilen (panel.toml)",
        "Panelfilen (panel.toml)",
    ),
    (
        "panel show",
        "Vis panelet: medlemmer, tilknytninger, oplyste inhabiliteter, og hvornår det blev angivet",
        "Visa panelen: ledamöter, anknytningar, uppgivna jäv, och när den angavs",
    ),
    (
        "reviews",
        "Bedømmernes point i en runde: arket, der skal udfyldes, udfyldte ark, og hvad de viser",
        "Bedömarnas poäng i en omgång: arket som ska fyllas i, ifyllda ark, och vad de visar",
    ),
    (
        "reviews after",
        "En bedømmers nye ark erstatter vedkommendes tidligere bedømmelser i runden; de tidligere bevares i historikken. Hver fejl i en celle meldes, og intet gemmes, medmindre hver bedømmelse godtages.\nAfslutningsstatus: 0 udført; 2 afvist (intet er ændret); 3 registret kan ikke bruges, eller arket kan ikke skrives.",
        "En bedömares nya ark ersätter dennes tidigare bedömningar i omgången; de tidigare bevaras i historiken. Varje fel i en cell anges, och inget sparas om inte varje bedömning godtas.\nSlutstatus: 0 utfört; 2 avvisat (inget har ändrats); 3 registret kan inte användas, eller arket kan inte skrivas.",
    ),
    (
        "reviews template",
        "Skriv bedømmelsesarket, der skal udfyldes (XLSX eller CSV): en række pr. ansøgning og bedømt kriterium, vejledningen på et andet ark i en XLSX",
        "Skriv bedömningsarket som ska fyllas i (XLSX eller CSV): en rad per ansökan och bedömt kriterium, vägledningen på ett andra ark i en XLSX",
    ),
    ("reviews template round", "Rundens id", "Omgångens id"),
    (
        "reviews template out",
        "Arket, der skrives: .xlsx (med vejledningen på et andet ark) eller .csv (semikolon, UTF-8 med BOM)",
        "Arket som skrivs: .xlsx (med vägledningen på ett andra ark) eller .csv (semikolon, UTF-8 med BOM)",
    ),
    (
        "reviews template force",
        "Overskriv filen, hvis den findes (et udfyldt ark i den går tabt)",
        "Skriv över filen om den finns (ett ifyllt blad i den går förlorat)",
    ),
    (
        "reviews template reviewer",
        "Bedømmeren, arket er til: navnet udfyldes, og ansøgninger, vedkommende er inhabil i, udelades",
        "Bedömaren som arket är till: namnet fylls i, och ansökningar som denne är jävig i utelämnas",
    ),
    (
        "reviews add",
        "Indlæs udfyldte bedømmelsesark (CSV eller XLSX), og vurder rundens ansøgninger igen",
        "Läs in ifyllda bedömningsark (CSV eller XLSX), och bedöm omgångens ansökningar igen",
    ),
    ("reviews add round", "Rundens id", "Omgångens id"),
    (
        "reviews add sheets",
        "Arkene (.csv eller .xlsx); en mappe giver alle ark i den",
        "Bladen (.csv eller .xlsx); en mapp ger alla blad i den",
    ),
    (
        "reviews add replace",
        "Lad en bedømmers nye ark trække bedømmelser af ansøgninger, det udelader, tilbage (uden det afvises et sådant ark, og ansøgningerne nævnes)",
        "Låt en bedömares nya ark dra tillbaka bedömningar av ansökningar som det utelämnar (utan det avvisas ett sådant ark, och ansökningarna nämns)",
    ),
    (
        "reviews show",
        "Vis rundens bedømmelser: hver bedømmers mildhed, uenigheder, og hvad der afventer bedømmelse",
        "Visa omgångens bedömningar: varje bedömares mildhet, oenigheter, och vad som väntar på bedömning",
    ),
    ("reviews show round", "Rundens id", "Omgångens id"),
    ("reviews show format", "Format", "Format"),
    (
        "help:about",
        "Vis denne hjælp eller hjælpen til de givne underkommandoer",
        "Visa denna hjälp eller hjälpen för de angivna underkommandona",
    ),
];

/// Danish and Swedish of the possible values' descriptions, by `"COMMAND ARG=VALUE"`
/// (`"assess format=text"`), or `"*ARG=VALUE"` for an option several commands share
/// (`"*reports=all"`): clap writes its `Possible values:` list itself, so [`localise`] hides
/// it and writes this one under the option's help.
const VALUES: &[(Key, &str, &str)] = &[
    (
        "assess format=text",
        "En læsbar tabel til en terminal",
        "En läsbar tabell för en terminal",
    ),
    (
        "assess format=json",
        "Afgørelsen som JSON (schemas/decision.schema.json)",
        "Beslutet som JSON (schemas/decision.schema.json)",
    ),
    (
        "assess format=md",
        "En rapport i Markdown, til at vedlægge afgørelsen",
        "En rapport i Markdown, att bifoga beslutet",
    ),
    (
        "assess format=html",
        "En rapport som én selvstændig HTML-side, til at vedlægge afgørelsen eller udskrive",
        "En rapport som en fristående HTML-sida, att bifoga beslutet eller skriva ut",
    ),
    (
        "diff format=text",
        "De flyttede afgørelser og et resumé som tabel til en terminal",
        "De flyttade besluten och en sammanfattning som tabell för en terminal",
    ),
    (
        "diff format=json",
        "Hver ansøgnings gamle og nye point, total, placering, indstilling og bevilling, som JSON til værktøjer",
        "Varje ansökans gamla och nya poäng, total, placering, rekommendation och beviljat belopp, som JSON för verktyg",
    ),
    (
        "diff format=md",
        "De flyttede afgørelser og et resumé i Markdown, til mødets papirer",
        "De flyttade besluten och en sammanfattning i Markdown, för mötets handlingar",
    ),
    (
        "diff format=html",
        "De flyttede afgørelser og et resumé som én selvstændig HTML-side, til mødet",
        "De flyttade besluten och en sammanfattning som en fristående HTML-sida, för mötet",
    ),
    (
        "sensitivity format=text",
        "En læsbar liste til en terminal",
        "En läsbar lista för en terminal",
    ),
    (
        "sensitivity format=json",
        "Analysen som JSON",
        "Analysen som JSON",
    ),
    (
        "*reports=all",
        "HTML- og Markdown-rapporter og index.html",
        "HTML- och Markdown-rapporter och index.html",
    ),
    (
        "*reports=html",
        "HTML-rapporter og index.html",
        "HTML-rapporter och index.html",
    ),
    (
        "*reports=md",
        "Markdown-rapporter og index.html",
        "Markdown-rapporter och index.html",
    ),
    (
        "*reports=none",
        "Ingen rapporter og ingen index.html",
        "Inga rapporter och ingen index.html",
    ),
    (
        "round show format=text",
        "En læsbar tabel til en terminal",
        "En läsbar tabell för en terminal",
    ),
    (
        "round show format=json",
        "JSON til værktøjer",
        "JSON för verktyg",
    ),
    (
        "reviews show format=text",
        "En læsbar tabel til en terminal",
        "En läsbar tabell för en terminal",
    ),
    (
        "reviews show format=json",
        "JSON til værktøjer",
        "JSON för verktyg",
    ),
    (
        "round list format=text",
        "En læsbar tabel til en terminal",
        "En läsbar tabell för en terminal",
    ),
    (
        "round list format=json",
        "JSON til værktøjer",
        "JSON för verktyg",
    ),
    (
        "decide outcome=grant",
        "Et tilsagn om det ansøgte beløb eller om AMOUNT",
        "Ett beviljande av det sökta beloppet eller av AMOUNT",
    ),
    ("decide outcome=reject", "Et afslag", "Ett avslag"),
];

/// The words clap puts around possible and default values, which [`localise`] writes itself:
/// the long list's heading, the short list's and the default's brackets.
const VALUE_WORDS: [(&str, &str, &str); 3] = [
    ("Possible values:", "Mulige værdier:", "Möjliga värden:"),
    ("possible values:", "mulige værdier:", "möjliga värden:"),
    ("default:", "standard:", "standard:"),
];

/// Headings clap writes in help: usage, commands, arguments, options (clap adds their colon).
const HEADINGS: [(&str, &str, &str); 4] = [
    ("Usage:", "Brug:", "Användning:"),
    ("Commands", "Kommandoer", "Kommandon"),
    ("Arguments", "Argumenter", "Argument"),
    ("Options", "Tilvalg", "Alternativ"),
];

/// The text for `key` in `lang` (`da` or `sv`), if the table has it.
fn text(key: &str, lang: &str) -> Option<&'static str> {
    let (_, da, sv) = TABLE.iter().find(|(k, _, _)| *k == key)?;
    match lang {
        "da" => Some(da),
        "sv" => Some(sv),
        _ => None,
    }
}

/// The key of the option or argument `id` of the command at `path`: its own entry, else the
/// entry every command shares (`rules`, `inputs`, `output`, `jobs`, `lang`, `help`, `version`,
/// `register`, and `id`, which only the `round` commands have).
fn arg_text(path: &str, id: &str, lang: &str) -> Option<&'static str> {
    text(&join(path, id), lang).or_else(|| text(&format!("*{id}"), lang))
}

/// The description of possible value `name` of the option `id` of the command at `path`: its
/// own entry (`"batch format=text"`), else the entry every command with that option shares
/// (`"*reports=all"`).
fn value_text(path: &str, id: &str, name: &str, lang: &str) -> Option<&'static str> {
    let find = |key: &str| {
        VALUES
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, da, sv)| if lang == "da" { *da } else { *sv })
    };
    find(&format!("{}={name}", join(path, id))).or_else(|| find(&format!("*{id}={name}")))
}

/// The key of the description of the command at `path`. clap's `help` subcommand has one
/// entry; the commands below it (`help batch`, `rules help export`) describe the command they
/// give help on, so they take its key.
fn about_key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').collect();
    match words.split_last() {
        Some((&"help", _)) => "help:about".to_string(),
        _ => words
            .iter()
            .filter(|w| **w != "help")
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// `command` (the whole tree, built so the global options, `--help`, `--version` and the
/// `help` subcommand are there) with its help in `lang`. English is the doc comments as they
/// are, and a language without a column keeps them too.
pub fn localised(mut command: Command, lang: &str) -> Command {
    if lang == "en" || !kriterium_engine::labels::LANGUAGES.contains(&lang) {
        return command;
    }
    command.build();
    localise(command, "", lang)
}

/// One command of the tree at `path` and everything below it.
fn localise(mut command: Command, path: &str, lang: &str) -> Command {
    let heading = |i: usize| match lang {
        "da" => HEADINGS[i].1,
        _ => HEADINGS[i].2,
    };
    if let Some(about) = text(&about_key(path), lang) {
        command = command.about(about).long_about(None);
    }
    if let Some(after) = text(&join(path, "after"), lang) {
        command = command.after_help(after).after_long_help(None::<&str>);
    }
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            heading(0)
        ))
        .subcommand_help_heading(heading(1));
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_text(path, &id, lang);
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() {
                heading(2)
            } else {
                heading(3)
            };
            let arg = arg.help_heading(heading);
            let arg = match help {
                Some(help) => arg.help(help).long_help(None::<&str>),
                None => arg,
            };
            with_values_in(arg, path, lang)
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let below = join(path, &name);
        command = command.mut_subcommand(&name, |sub| localise(sub, &below, lang));
    }
    command
}

/// `arg` with its possible values (and their descriptions) and its default written in `lang`
/// under its help, instead of clap's English `Possible values:`, `[possible values: …]` and
/// `[default: …]`, which clap's help template writes and cannot translate.
fn with_values_in(arg: clap::Arg, path: &str, lang: &str) -> clap::Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let word = |i: usize| match lang {
        "da" => VALUE_WORDS[i].1,
        _ => VALUE_WORDS[i].2,
    };
    let values: Vec<clap::builder::PossibleValue> = if arg.is_hide_possible_values_set() {
        Vec::new()
    } else {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    };
    let defaults: Vec<String> = if arg.is_hide_default_value_set() {
        Vec::new()
    } else {
        arg.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    };
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let (mut short, mut long) = (help.clone(), help);
    let described = values.iter().any(|v| v.get_help().is_some());
    if described {
        let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0) + 1;
        long.push_str(&format!("\n\n{}", word(0)));
        for value in &values {
            let name = value.get_name();
            let own = value_text(path, arg.get_id().as_str(), name, lang);
            let about = own
                .map(str::to_string)
                .or_else(|| value.get_help().map(ToString::to_string))
                .unwrap_or_default();
            long.push_str(&format!("\n- {:width$} {about}", format!("{name}:")));
        }
    }
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        short.push_str(&format!(" [{} {}]", word(1), names.join(", ")));
        if !described {
            long.push_str(&format!(" [{} {}]", word(1), names.join(", ")));
        }
    }
    if !defaults.is_empty() {
        let default = format!("[{} {}]", word(2), defaults.join(", "));
        short.push_str(&format!(" {default}"));
        long.push_str(&if described {
            format!("\n\n{default}")
        } else {
            format!(" {default}")
        });
    }
    arg.hide_possible_values(true)
        .hide_default_value(true)
        .help(short)
        .long_help(long)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::args::Cli;

    /// Every command and option of the built tree, as (what, Danish text, Swedish text).
    fn walk(command: &Command, path: &str, found: &mut Vec<(String, Option<&str>, Option<&str>)>) {
        let key = about_key(path);
        found.push((
            format!("command `{path}`"),
            text(&key, "da"),
            text(&key, "sv"),
        ));
        if command.get_after_help().is_some() {
            let key = join(path, "after");
            found.push((
                format!("help after `{path}`"),
                text(&key, "da"),
                text(&key, "sv"),
            ));
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            found.push((
                format!("option `{id}` of `{path}`"),
                arg_text(path, id, "da"),
                arg_text(path, id, "sv"),
            ));
        }
        for sub in command.get_subcommands() {
            walk(sub, &join(path, sub.get_name()), found);
        }
    }

    #[test]
    fn every_command_and_option_has_danish_and_swedish_help() {
        let mut command = Cli::command();
        command.build();
        let mut found = Vec::new();
        walk(&command, "", &mut found);
        let missing: Vec<&String> = found
            .iter()
            .filter(|(_, da, sv)| da.is_none() || sv.is_none())
            .map(|(what, _, _)| what)
            .collect();
        assert!(
            missing.is_empty(),
            "no Danish or Swedish help for: {missing:#?}"
        );
        assert!(found.len() > 50, "the walk saw the tree: {}", found.len());
    }

    #[test]
    fn help_is_rewritten_in_danish() {
        let mut command = localised(Cli::command(), "da");
        let batch = command.find_subcommand_mut("batch").unwrap();
        let help = batch.render_help().to_string();
        assert!(help.contains("Brug: kriterium batch"), "{help}");
        assert!(help.contains("Pulje at give støtte"), "{help}");
        assert!(help.contains("Tilvalg:"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
    }

    /// The register's commands speak Danish too: their own entries, the shared `--register`
    /// and round id, and the possible values `round export` shares with `batch`.
    #[test]
    fn register_commands_are_rewritten_in_danish() {
        let mut command = localised(Cli::command(), "da");
        let round = command.find_subcommand_mut("round").unwrap();
        let export = round.find_subcommand_mut("export").unwrap();
        let help = export.render_long_help().to_string();
        assert!(help.contains("Rundens id"), "{help}");
        assert!(help.contains("Registerfilen"), "{help}");
        assert!(
            help.contains("Ingen rapporter og ingen index.html"),
            "{help}"
        );
        assert!(!help.contains("No reports"), "{help}");
        let decide = command.find_subcommand_mut("decide").unwrap();
        let help = decide.render_long_help().to_string();
        assert!(help.contains("kræver --reason"), "{help}");
        assert!(help.contains("Et afslag"), "{help}");
    }

    /// Every described possible value has its Danish and Swedish, and every entry of [`VALUES`]
    /// describes a value that exists.
    #[test]
    fn every_possible_value_is_described_in_danish_and_swedish() {
        /// Every described value, as (command path, option id, value name).
        fn values(command: &Command, path: &str, found: &mut Vec<(String, String, String)>) {
            for arg in command.get_arguments() {
                for value in arg.get_possible_values() {
                    if value.get_help().is_some() {
                        let id = arg.get_id().to_string();
                        found.push((path.to_string(), id, value.get_name().to_string()));
                    }
                }
            }
            for sub in command.get_subcommands() {
                values(sub, &join(path, sub.get_name()), found);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut found = Vec::new();
        values(&command, "", &mut found);
        for (path, id, name) in &found {
            for lang in ["da", "sv"] {
                assert!(
                    value_text(path, id, name, lang).is_some(),
                    "`{path} {id}={name}` has no {lang}"
                );
            }
        }
        for (key, _, _) in VALUES {
            assert!(
                found.iter().any(|(path, id, name)| {
                    *key == format!("{}={name}", join(path, id)) || *key == format!("*{id}={name}")
                }),
                "`{key}` describes no value"
            );
        }
    }

    #[test]
    fn every_table_entry_is_used() {
        let mut command = Cli::command();
        command.build();
        let mut found = Vec::new();
        walk(&command, "", &mut found);
        // Keys are matched through `arg_text`'s fallbacks too: a shared entry counts when any
        // command uses it. An entry no command reaches is a stale translation.
        let lookups: Vec<&str> = found.iter().filter_map(|(_, da, _)| *da).collect();
        for (key, da, _) in TABLE {
            assert!(lookups.contains(da), "unused help entry `{key}`");
        }
    }
}
