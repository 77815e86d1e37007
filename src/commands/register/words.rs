//! What the register's commands (`round`, `decide`, `register verify`) say, in Danish, English
//! and Swedish. Placeholders in braces are filled by [`say`].

kriterium_engine::translation_table! {
    /// A sentence or label of the register's commands.
    Words {
    NoRegister => "der er intet register i {path}; »kriterium round open« opretter et (eller angiv et andet med --register eller KRITERIUM_REGISTER)", "there is no register at {path}; `kriterium round open` creates one (or name another with --register or KRITERIUM_REGISTER)", "det finns inget register i {path}; ”kriterium round open” skapar ett (eller ange ett annat med --register eller KRITERIUM_REGISTER)";
    NoSuchRound => "registret har ingen runde {id}; runderne er: {known}{hint}", "the register has no round {id}; its rounds are: {known}{hint}", "registret har ingen omgång {id}; omgångarna är: {known}{hint}";
    NoRoundsYet => "registret har ingen runde {id} og endnu ingen runder; »kriterium round open« åbner en", "the register has no round {id}, and no rounds yet; `kriterium round open` opens one", "registret har ingen omgång {id} och ännu inga omgångar; ”kriterium round open” öppnar en";
    RoundExists => "registret har allerede en runde {id}; vælg et andet id", "the register has a round {id} already; choose another id", "registret har redan en omgång {id}; välj ett annat id";
    RoundClosed => "runde {id} blev afsluttet {at}; intet i den kan ændres", "round {id} was closed at {at}; nothing in it can change", "omgång {id} avslutades {at}; inget i den kan ändras";
    NoSuchApplication => "runde {round} har ingen ansøgning {id}{hint}", "round {round} has no application {id}{hint}", "omgång {round} har ingen ansökan {id}{hint}";
    MoreThanYearLeft => "{year} har kun {left} tilbage, så der kan ikke bevilges {asked}", "{year} has only {left} left, so {asked} cannot be granted", "{year} har bara {left} kvar, så {asked} kan inte beviljas";
    MoreThanRequested => "ansøgning {id} søger {requested}; der kan ikke bevilges {asked}, for der kan ikke bevilges mere end det ansøgte", "application {id} requests {requested}; {asked} cannot be granted, since no more than was requested can be granted", "ansökan {id} söker {requested}; {asked} kan inte beviljas, eftersom mer än det sökta inte kan beviljas";
    GrantedElsewhere => "ansøgning {id} har allerede fået tilsagn i andre runder i {year} ({elsewhere}); med {asked} her ville den få mere end de {requested}, den søger", "application {id} was granted in other rounds of {year} already ({elsewhere}); with {asked} here it would get more than the {requested} it requests", "ansökan {id} har redan beviljats i andra omgångar under {year} ({elsewhere}); med {asked} här skulle den få mer än de {requested} den söker";
    Undecided => "runde {id} kan ikke afsluttes: {count} mangler en afgørelse ({first}); registrér afgørelserne med »kriterium decide«", "round {id} cannot be closed: {count} have no decision yet ({first}); record the decisions with `kriterium decide`", "omgång {id} kan inte avslutas: {count} saknar beslut ({first}); registrera besluten med ”kriterium decide”";
    AwaitingAtClose => "runde {id} kan ikke afsluttes, mens ansøgninger afventer bedømmelse ({count}: {listed}); et bedømt kriterium uden bedømmelser har ingen point. Indlæs bedømmelserne med »kriterium reviews add«, og træf afgørelse på den nye bedømmelse med »kriterium decide«", "round {id} cannot be closed while applications await review ({count}: {listed}); a reviewed criterion without reviews has no points. Enter the reviews with `kriterium reviews add`, and decide on the new assessment with `kriterium decide`", "omgång {id} kan inte avslutas medan ansökningar väntar på bedömning ({count}: {listed}); ett bedömt kriterium utan bedömningar har inga poäng. Läs in bedömningarna med ”kriterium reviews add”, och fatta beslut om den nya bedömningen med ”kriterium decide”";
    NotARegister => "{path} er ikke et kriterium-register: {detail}", "{path} is not a kriterium register: {detail}", "{path} är inte ett kriterium-register: {detail}";
    NotADatabase => "filen er ikke en SQLite-database", "the file is not an SQLite database", "filen är inte en SQLite-databas";
    OtherDatabase => "det er et andet programs SQLite-database", "it is another program's SQLite database", "det är ett annat programs SQLite-databas";
    EmptyFile => "filen er tom (kun »kriterium round open« opretter et register)", "the file is empty (only `kriterium round open` creates a register)", "filen är tom (bara ”kriterium round open” skapar ett register)";
    Damaged => "dens versionsnummer passer ikke til dens tabeller, så den er ændret uden om kriterium; brug en sikkerhedskopi", "its version number does not match its tables, so it was changed outside kriterium; use a backup", "dess versionsnummer stämmer inte med dess tabeller, så den har ändrats utanför kriterium; använd en säkerhetskopia";
    RoundBudgetOverYear => "rundens pulje kan højst være det, {year} har tilbage, {left}; ikke {asked}", "the round's budget can be at most what {year} has left, {left}; not {asked}", "omgångens budget kan högst vara det som {year} har kvar, {left}; inte {asked}";
    YearBudgetChanged => "Bemærk: de runder, der tidligere er åbnet i {year}, havde et årsbudget på {before}; regelsættet giver nu {now}, og det gælder herefter i alle årets runder.", "Note: the rounds of {year} opened before had a year's budget of {before}; the pack now gives {now}, which holds from now on in every round of the year.", "Obs: de omgångar som tidigare öppnats under {year} hade en årsbudget på {before}; regelpaketet ger nu {now}, och det gäller härefter i alla årets omgångar.";
    YearBudgetBelowGranted => "regelsættet giver {year} {budget}, men runderne i {year} har allerede bevilget {granted}; et regelsæt med mindre til året end det bevilgede kan ikke bruges til en ny runde i året", "the pack gives {year} {budget}, but the rounds of {year} have granted {granted} already; a pack with less for the year than was granted cannot be used for a new round of the year", "regelpaketet ger {year} {budget}, men omgångarna under {year} har redan beviljat {granted}; ett regelpaket med mindre för året än det beviljade kan inte användas för en ny omgång under året";
    AddTheYear => "--budget kan ikke træde i stedet for årets budget, som afgørelserne holdes op imod; giv regelsættet et budget for {year} i dets [budget] i pack.toml (kopiér det med »kriterium rules export«), eller vælg et andet år", "--budget cannot stand in for the year's budget, which decisions are held against; give the pack a budget for {year} in its [budget] in pack.toml (copy it with `kriterium rules export`), or choose another year", "--budget kan inte ersätta årets budget, som besluten hålls mot; ge regelpaketet en budget för {year} i dess [budget] i pack.toml (kopiera det med ”kriterium rules export”), eller välj ett annat år";
    IsFolder => "det er en mappe; angiv en fil i den, fx kriterium.sqlite", "it is a folder; name a file in it, e.g. kriterium.sqlite", "det är en mapp; ange en fil i den, t.ex. kriterium.sqlite";
    NotAFile => "det er ikke en almindelig fil", "it is not an ordinary file", "det är inte en vanlig fil";
    NoFolder => "mappen {folder} findes ikke, så registret kan ikke oprettes der", "the folder {folder} does not exist, so the register cannot be created there", "mappen {folder} finns inte, så registret kan inte skapas där";
    LogUnreadable => "registret {path} har en logfil med sine seneste ændringer ({path}-wal), som ikke kan læses i en skrivebeskyttet mappe; kopiér registret og alle dets filer til en mappe, du kan skrive i, og læs det der", "the register {path} has a log with its latest changes ({path}-wal), which cannot be read in a read-only folder; copy the register and all its files to a folder you can write in, and read it there", "registret {path} har en loggfil med sina senaste ändringar ({path}-wal) som inte kan läsas i en skrivskyddad mapp; kopiera registret och alla dess filer till en mapp du kan skriva i, och läs det där";
    TooLong => "{option} må højst have {max} tegn", "{option} may have at most {max} characters", "{option} får ha högst {max} tecken";
    RoundIdCase => "registret har allerede en runde {existing}, som kun adskiller sig fra {id} ved store og små bogstaver; vælg et andet id", "the register has a round {existing} already, which differs from {id} only in upper and lower case; choose another id", "registret har redan en omgång {existing}, som skiljer sig från {id} bara i stora och små bokstäver; välj ett annat id";
    EmptyText => "{option} må ikke være tom", "{option} must not be empty", "{option} får inte vara tom";
    ControlCharacters => "{option} må ikke indeholde linjeskift, tabulatorer eller andre kontroltegn; skriv den på én linje", "{option} must not contain line breaks, tabs or other control characters; write it on one line", "{option} får inte innehålla radbrytningar, tabbar eller andra kontrolltecken; skriv den på en rad";
    Newer => "{path} er lavet af en nyere kriterium (registerversion {version}; denne version kender op til {known}); brug den nyere kriterium", "{path} was made by a newer kriterium (register version {version}; this one knows up to {known}); use the newer kriterium", "{path} är skapat av en nyare kriterium (registerversion {version}; denna version känner till {known}); använd den nyare kriterium";
    Locked => "{path} er optaget af en anden kørsel, som ikke blev færdig inden for {seconds} sekunder; prøv igen om lidt", "{path} is in use by another run that did not finish within {seconds} seconds; try again in a moment", "{path} används av en annan körning som inte blev klar inom {seconds} sekunder; försök igen om en stund";
    Storage => "registret {path} kan ikke læses eller skrives: {detail}", "the register {path} cannot be read or written: {detail}", "registret {path} kan inte läsas eller skrivas: {detail}";
    NothingChanged => "Registret er uændret.", "The register is unchanged.", "Registret är oförändrat.";
    ReasonNeeded => "afgørelsen afviger fra indstillingen ({recommendation}), så den skal begrundes: skriv begrundelsen med --reason", "the decision differs from the recommendation ({recommendation}), so it needs a reason: give it with --reason", "beslutet avviker från förslaget ({recommendation}), så det måste motiveras: skriv motiveringen med --reason";
    DecisionChanged => "afgørelsen om {id} i runde {round} blev ændret, efter at du åbnede siden (af {by}, {at}); genindlæs siden for at se den", "the decision on {id} in round {round} was changed since you opened the page (by {by}, at {at}); reload the page to see it", "beslutet om {id} i omgång {round} ändrades efter att du öppnade sidan (av {by}, {at}); ladda om sidan för att se det";
    DecisionGone => "afgørelsen om {id} i runde {round} er ikke længere den, du så, da du åbnede siden; genindlæs siden for at se den", "the decision on {id} in round {round} is no longer the one you saw when you opened the page; reload the page to see it", "beslutet om {id} i omgång {round} är inte längre det du såg när du öppnade sidan; ladda om sidan för att se det";
    AmountWithReject => "et afslag har intet beløb; fjern {amount}", "a refusal has no amount; leave out {amount}", "ett avslag har inget belopp; ta bort {amount}";
    ZeroGrant => "et tilsagn på 0 kr. er et afslag; skriv »reject«", "a grant of 0 is a refusal; write `reject`", "ett beviljande på 0 kr. är ett avslag; skriv ”reject”";
    BadDate => "--date skal være en dato som 2025-03-14 (år-måned-dag, år 1900–9999), ikke {value}", "--date must be a date such as 2025-03-14 (year-month-day, year 1900–9999), not {value}", "--date ska vara ett datum som 2025-03-14 (år-månad-dag, år 1900–9999), inte {value}";
    NoSuchDay => "{value} er skrevet rigtigt, men dagen findes ikke i kalenderen", "{value} is written right, but there is no such day in the calendar", "{value} är rätt skrivet, men dagen finns inte i kalendern";
    DateFarFromRound => "{value} ligger mere end et år fra runde {round}s år, {year}; skriv mødets dato", "{value} is more than a year from the year of round {round}, {year}; give the date of the meeting", "{value} ligger mer än ett år från omgång {round}s år, {year}; skriv mötets datum";
    BadId => "et runde-id begynder med et bogstav eller tal og består af bogstaverne a–z og A–Z, tal, »-«, »_« og ».« (højst 64 tegn), fx 2025-1; ikke {value}", "a round id begins with a letter or digit and is made of the letters a–z and A–Z, digits, `-`, `_` and `.` (at most 64 characters), e.g. 2025-1; not {value}", "ett omgångs-id börjar med en bokstav eller siffra och består av bokstäverna a–z och A–Z, siffror, ”-”, ”_” och ”.” (högst 64 tecken), t.ex. 2025-1; inte {value}";
    SnapshotBroken => "regelsættet, som runde {id} blev åbnet med, svarer ikke længere til sit fingeraftryk i registret ({stored}, nu {now}); kør »kriterium register verify«", "the pack round {id} was opened with no longer matches its fingerprint in the register ({stored}, now {now}); run `kriterium register verify`", "regelpaketet som omgång {id} öppnades med stämmer inte längre med sitt fingeravtryck i registret ({stored}, nu {now}); kör ”kriterium register verify”";
    SnapshotUnusable => "regelsættet, som runde {id} blev åbnet med, kan ikke bruges", "the pack round {id} was opened with cannot be used", "regelpaketet som omgång {id} öppnades med kan inte användas";
    Opened => "Runde {id} er åbnet: {title}; år {year}; pulje {budget}; regelsæt {pack} {version} ({fingerprint}), gemt i {path}", "Round {id} is open: {title}; year {year}; budget {budget}; pack {pack} {version} ({fingerprint}), stored in {path}", "Omgång {id} är öppnad: {title}; år {year}; budget {budget}; regelpaket {pack} {version} ({fingerprint}), sparat i {path}";
    BudgetAfterEarlier => "Puljen er årets {year_budget} minus {granted}, som tidligere runder i {year} har bevilget.", "The budget is the year's {year_budget} less the {granted} that earlier rounds of {year} granted.", "Budgeten är årets {year_budget} minus {granted} som tidigare omgångar under {year} har beviljat.";
    DefaultTitle => "{pack} {year}", "{pack} {year}", "{pack} {year}";
    Conflict => "runden har allerede en anden ansøgning med id {id} (fra {stored}); en rettet ansøgning skal have et nyt id", "the round has another application with the id {id} already (from {stored}); a corrected application needs a new id", "omgången har redan en annan ansökan med id {id} (från {stored}); en rättad ansökan behöver ett nytt id";
    Added => "Runde {id}: {added} gemt, {already} var der allerede, {rejected}; runden har nu {total}.", "Round {id}: {added} stored, {already} already there, {rejected}; the round now has {total}.", "Omgång {id}: {added} sparade, {already} fanns redan, {rejected}; omgången har nu {total}.";
    Decided => "Afgørelse registreret i runde {round} for {id}: {outcome}\n{year}: bevilget {granted}, tilbage {left} af {budget}", "Decision recorded in round {round} for {id}: {outcome}\n{year}: granted {granted}, left {left} of {budget}", "Beslut registrerat i omgång {round} för {id}: {outcome}\n{year}: beviljat {granted}, kvar {left} av {budget}";
    AlreadyDecided => "{id} har allerede netop denne afgørelse (registreret {at}); intet er ændret.", "{id} has this very decision already (recorded at {at}); nothing was changed.", "{id} har redan just detta beslut (registrerat {at}); inget har ändrats.";
    Replaces => "Den erstatter afgørelsen registreret {at} ({outcome}), som bevares i historikken.", "It replaces the decision recorded at {at} ({outcome}), which is kept in the history.", "Det ersätter beslutet registrerat {at} ({outcome}), som bevaras i historiken.";
    Closed => "Runde {id} er afsluttet med {granted} bevilget; intet i runden kan ændres herefter.", "Round {id} is closed with {granted} granted; nothing in the round can change from now on.", "Omgång {id} är avslutad med {granted} beviljat; inget i omgången kan ändras härefter.";
    Grant => "tilsagn", "grant", "beviljas";
    PartialGrant => "delvist tilsagn", "partial grant", "delvis beviljas";
    Reject => "afslag", "refusal", "avslag";
    NoDecision => "ingen afgørelse", "no decision", "inget beslut";
    Open => "åben", "open", "öppen";
    ClosedState => "afsluttet", "closed", "avslutad";
    RoundHeading => "Runde {id}: {title} ({state})", "Round {id}: {title} ({state})", "Omgång {id}: {title} ({state})";
    RoundFacts => "År {year} · pulje {budget} · regelsæt {pack} {version} ({fingerprint}) · åbnet {at} af {by}", "Year {year} · budget {budget} · pack {pack} {version} ({fingerprint}) · opened {at} by {by}", "År {year} · budget {budget} · regelpaket {pack} {version} ({fingerprint}) · öppnad {at} av {by}";
    ClosedFacts => "Afsluttet {at} af {by}.", "Closed {at} by {by}.", "Avslutad {at} av {by}.";
    RankCol => "Nr.", "Rank", "Nr";
    ApplicationCol => "Ansøgning", "Application", "Ansökan";
    TotalCol => "Point", "Points", "Poäng";
    RequestedCol => "Ansøgt", "Requested", "Sökt";
    RecommendationCol => "Indstilling", "Recommendation", "Förslag";
    DecisionCol => "Afgørelse", "Decision", "Beslut";
    ProvisionalFundingLine => "— foreløbig finansieringslinje ({awaiting} afventer bedømmelse): indstillingen bruger {used} af {budget} —", "— provisional funding line ({awaiting} awaiting review): the recommendation uses {used} of {budget} —", "— preliminär finansieringsgräns ({awaiting} väntar på bedömning): förslaget använder {used} av {budget} —";
    DecideRankingOpen => "ansøgning {id} konkurrerer om budgettet, men rundens prioritering er ikke færdig: {count} afventer bedømmelse ({listed}) og kan komme over finansieringslinjen; træf afgørelse om de ansøgninger, der konkurrerer om budgettet, når alle er bedømt (indlæs bedømmelserne med »kriterium reviews add«)", "application {id} competes for the budget, but the round's ranking is not final: {count} still awaiting review ({listed}) may come above the funding line; decide on the applications that compete for the budget once all are reviewed (enter the reviews with `kriterium reviews add`)", "ansökan {id} konkurrerar om budgeten, men omgångens rangordning är inte klar: {count} väntar på bedömning ({listed}) och kan hamna över finansieringsgränsen; fatta beslut om de ansökningar som konkurrerar om budgeten när alla är bedömda (läs in bedömningarna med ”kriterium reviews add”)";
    FundingLine => "— finansieringslinje: indstillingen bruger {used} af {budget} —", "— funding line: the recommendation uses {used} of {budget} —", "— finansieringsgräns: förslaget använder {used} av {budget} —";
    NoApplications => "Runden har endnu ingen ansøgninger; »kriterium round add« tilføjer dem.", "The round has no applications yet; `kriterium round add` adds them.", "Omgången har ännu inga ansökningar; ”kriterium round add” lägger till dem.";
    MoneyHeading => "Penge pr. år", "Money per year", "Pengar per år";
    YearCol => "År", "Year", "År";
    ProgrammeCol => "Regelsæt", "Pack", "Regelpaket";
    BudgetCol => "Pulje", "Budget", "Budget";
    GrantedCol => "Bevilget ved afgørelse", "Granted by decision", "Beviljat genom beslut";
    LeftCol => "Tilbage", "Left", "Kvar";
    RecommendedCol => "Indstillet", "Recommended", "Föreslaget";
    ReasonLine => "begrundelse: {reason}", "reason: {reason}", "motivering: {reason}";
    AbstainedLine => "inhabil, deltog ikke: {names}", "stood aside (conflict of interest): {names}", "jävig, deltog inte: {names}";
    DecidedOn => "besluttet {date}", "decided {date}", "beslutat {date}";
    NoRounds => "Registret {path} har endnu ingen runder; »kriterium round open« åbner en.", "The register {path} has no rounds yet; `kriterium round open` opens one.", "Registret {path} har ännu inga omgångar; ”kriterium round open” öppnar en.";
    RoundCol => "Runde", "Round", "Omgång";
    StateCol => "Status", "State", "Status";
    ApplicationsCol => "Ansøgninger", "Applications", "Ansökningar";
    TitleCol => "Titel", "Title", "Titel";
    VerifyRound => "Runde {id}: {count}; {checked}", "Round {id}: {count}; {checked}", "Omgång {id}: {count}; {checked}";
    VerifyHolds => "vurderingerne genskabes byte for byte, regnskabet og loggen holder", "the assessments reproduce byte for byte, the money and the ledger hold", "bedömningarna återskapas byte för byte, pengarna och liggaren stämmer";
    VerifyOtherVersion => "{count} vurderet af kriterium {version} (denne er {ours}): kun fingeraftryk sammenlignet", "{count} assessed by kriterium {version} (this is {ours}): only fingerprints compared", "{count} bedömda av kriterium {version} (denna är {ours}): bara fingeravtryck jämförda";
    LedgerHead => "Loggen slutter ved post nr. {seq} ({chain}); skrives den i referatet, kan en senere kontrol se, at intet er skåret af enden.", "The ledger ends at entry {seq} ({chain}); written into the minutes, it lets a later check see that nothing was cut off the end.", "Liggaren slutar vid post nr {seq} ({chain}); skrivs den in i protokollet kan en senare kontroll se att inget har skurits av slutet.";
    MoreFindings => "… og {count} fund mere", "… and {count} more findings", "… och {count} fynd till";
    VerifyFailed => "Registret holder ikke: {count}.", "The register does not hold: {count}.", "Registret håller inte: {count}.";
    VerifyPassed => "Registret holder: {rounds}, {applications}, {decisions}.", "The register holds: {rounds}, {applications}, {decisions}.", "Registret håller: {rounds}, {applications}, {decisions}.";
    FindingOne => "fund", "finding", "fynd";
    FindingMany => "fund", "findings", "fynd";
    RoundOne => "runde", "round", "omgång";
    RoundMany => "runder", "rounds", "omgångar";
    ApplicationOne => "ansøgning", "application", "ansökan";
    ApplicationMany => "ansøgninger", "applications", "ansökningar";
    DecisionOne => "afgørelse", "decision", "beslut";
    DecisionMany => "afgørelser", "decisions", "beslut";
    AssessmentDiffers => "runde {round}, ansøgning {id}: den gemte vurdering genskabes ikke; forskel i {where}", "round {round}, application {id}: the stored assessment does not reproduce; it differs at {where}", "omgång {round}, ansökan {id}: den sparade bedömningen återskapas inte; skillnad i {where}";
    VersionDiffers => "runde {round}, ansøgning {id}: vurderingsversion nr. {version} giver ikke det samme, når den vurderes igen med sit panel og sine bedømmelser (første forskel ved {where})", "round {round}, application {id}: assessment version no. {version} does not come out the same when assessed again with its panel and reviews (first difference at {where})", "omgång {round}, ansökan {id}: bedömningsversion nr {version} blir inte densamma när den bedöms igen med sin panel och sina bedömningar (första skillnad vid {where})";
    AssessmentUnreadable => "runde {round}, ansøgning {id}: den gemte vurdering kan ikke læses: {problem}", "round {round}, application {id}: the stored assessment cannot be read: {problem}", "omgång {round}, ansökan {id}: den sparade bedömningen kan inte läsas: {problem}";
    NotReassessed => "runde {round}, ansøgning {id}: kan ikke vurderes igen: {problem}", "round {round}, application {id}: cannot be assessed again: {problem}", "omgång {round}, ansökan {id}: kan inte bedömas igen: {problem}";
    FingerprintDiffers => "runde {round}, ansøgning {id}: ansøgningens fingeraftryk passer ikke til den gemte ansøgning", "round {round}, application {id}: the application's fingerprint does not match the stored application", "omgång {round}, ansökan {id}: ansökans fingeravtryck stämmer inte med den sparade ansökan";
    PackDiffers => "runde {round}: regelsættet i registret svarer ikke til sit fingeraftryk ({stored}, nu {now})", "round {round}: the pack in the register does not match its fingerprint ({stored}, now {now})", "omgång {round}: regelpaketet i registret stämmer inte med sitt fingeravtryck ({stored}, nu {now})";
    PackUnusable => "runde {round}: regelsættet i registret kan ikke bruges: {problem}", "round {round}: the pack in the register cannot be used: {problem}", "omgång {round}: regelpaketet i registret kan inte användas: {problem}";
    RecordChanged => "runde {round}: {kind} {item} er ændret, efter den blev gemt", "round {round}: {kind} {item} was changed after it was stored", "omgång {round}: {kind} {item} har ändrats efter att den sparades";
    RecordNotOnLedger => "runde {round}: {kind} {item} står ikke i loggen: den er tilføjet uden om kriterium, eller dens post i loggen er slettet", "round {round}: {kind} {item} is not on the ledger: it was added outside kriterium, or its ledger entry was deleted", "omgång {round}: {kind} {item} finns inte i liggaren: den har lagts till utanför kriterium, eller dess post i liggaren har raderats";
    RecordMissing => "runde {round}: {kind} {item} er slettet", "round {round}: {kind} {item} was deleted", "omgång {round}: {kind} {item} har raderats";
    LedgerBroken => "runde {round}: loggen hænger ikke sammen ved post {seq}: den post er ændret, eller poster før den (i denne eller en anden runde) er fjernet", "round {round}: the ledger does not hold together at entry {seq}: that entry was changed, or entries before it (of this or another round) were removed", "omgång {round}: liggaren hänger inte ihop vid post {seq}: den posten har ändrats, eller poster före den (i denna eller en annan omgång) har tagits bort";
    Unsealed => "runde {round} er afsluttet, men loggen ender ikke, hvor den blev forseglet: runden er ændret efter afslutningen", "round {round} is closed, but its ledger does not end where it was sealed: the round was changed after it was closed", "omgång {round} är avslutad, men liggaren slutar inte där den förseglades: omgången har ändrats efter avslutningen";
    DecidedAssessmentMissing => "runde {round}, ansøgning {id}: afgørelse nr. {number} blev truffet på en bedømmelse, som registret ikke har (ændret uden om kriterium)", "round {round}, application {id}: decision no. {number} was made on an assessment the register does not hold (changed outside kriterium)", "omgång {round}, ansökan {id}: beslut nr. {number} fattades på en bedömning som registret inte har (ändrat utanför kriterium)";
    GrantAboveRequest => "runde {round}, ansøgning {id}: tilsagnet på {granted} er større end det ansøgte {requested}", "round {round}, application {id}: the grant of {granted} is more than the {requested} requested", "omgång {round}, ansökan {id}: beviljade {granted} är mer än sökta {requested}";
    YearOverspent => "{year}: afgørelserne bevilger {granted}, mere end årets {budget}", "{year}: the decisions grant {granted}, more than the year's {budget}", "{year}: besluten beviljar {granted}, mer än årets {budget}";
    CloseSumDiffers => "runde {round}: ved afslutningen var bevilget {then}, men afgørelserne summerer nu til {now}", "round {round}: {then} was granted when it closed, but its decisions now add up to {now}", "omgång {round}: vid avslutningen var {then} beviljat, men besluten summerar nu till {now}";
    KindRound => "runden", "the round", "omgången";
    KindPackFile => "regelsætsfilen", "the pack file", "regelpaketsfilen";
    KindApplication => "ansøgningen", "the application", "ansökan";
    KindDecision => "afgørelse nr.", "decision no.", "beslut nr";
    KindClose => "afslutningen af", "the closing of", "avslutningen av";
    KindPanel => "panelet i brug nr.", "the panel in use no.", "panelen i bruk nr";
    KindReviews => "bedømmelsesark nr.", "review sheet no.", "bedömningsark nr";
    KindAssessment => "vurderingsversion nr.", "assessment version no.", "bedömningsversion nr";
    ChangedMeanwhile => "rundens panel eller bedømmelser i runde {round} blev ændret af en anden kørsel undervejs; kør kommandoen igen", "the panel or reviews of round {round} were changed by another run meanwhile; run the command again", "omgångens panel eller bedömningar i omgång {round} ändrades av en annan körning under tiden; kör kommandot igen";
    PanelGone => "registret mangler panel nr. {id}, som en vurdering bygger på; kør »kriterium register verify«", "the register lacks panel no. {id}, which an assessment rests on; run `kriterium register verify`", "registret saknar panel nr {id}, som en bedömning bygger på; kör ”kriterium register verify”";
    PanelUnreadable => "det gemte panel kan ikke længere læses, så registret er ændret uden om kriterium: {problem}", "the stored panel no longer reads, so the register was changed outside kriterium: {problem}", "den sparade panelen kan inte längre läsas, så registret har ändrats utanför kriterium: {problem}";
    StoredReviewRefused => "en gemt bedømmelse af {id} fra {reviewer} ({source}) passer ikke til rundens regelsæt, så registret er ændret uden om kriterium; kør »kriterium register verify«", "a stored review of {id} by {reviewer} ({source}) does not fit the round's pack, so the register was changed outside kriterium; run `kriterium register verify`", "en sparad bedömning av {id} från {reviewer} ({source}) passar inte rundans regelpaket, så registret har ändrats utanför kriterium; kör ”kriterium register verify”";
    CannotReadFile => "{file} kan ikke læses: {error}", "{file} cannot be read: {error}", "{file} kan inte läsas: {error}";
    ReviewNoLongerCounts => "Bemærk: i runde {round} tæller {reviewer's} bedømmelse af {id} ikke længere: {reason}.", "Note: in round {round}, {reviewer's} review of {id} no longer counts: {reason}.", "Obs: i omgång {round} räknas inte längre {reviewer's} bedömning av {id}: {reason}.";
    PanelSet => "Panelet er angivet: {members}, {conflicts}; bruges i {rounds}.", "The panel is set: {members}, {conflicts}; used in {rounds}.", "Panelen är angiven: {members}, {conflicts}; används i {rounds}.";
    MemberOne => "medlem", "member", "ledamot";
    MemberMany => "medlemmer", "members", "ledamöter";
    DeclaredConflictOne => "oplyst inhabilitet", "declared conflict", "uppgivet jäv";
    DeclaredConflictMany => "oplyste inhabiliteter", "declared conflicts", "uppgivna jäv";
    NoOpenRounds => "ingen åben runde endnu (en runde, der åbnes, overtager det)", "no open round yet (a round opened takes it)", "ingen öppen omgång ännu (en omgång som öppnas tar över den)";
    NoPanel => "Registret har intet panel endnu; angiv det med »kriterium panel set panel.toml«.", "The register has no panel yet; set it with `kriterium panel set panel.toml`.", "Registret har ingen panel ännu; ange den med ”kriterium panel set panel.toml”.";
    PanelHeading => "Panel fra {file}, angivet {at} af {by} ({earlier} tidligere i historikken):", "Panel from {file}, set at {at} by {by} ({earlier} earlier in the history):", "Panel från {file}, angiven {at} av {by} ({earlier} tidigare i historiken):";
    Organisations => "organisationer", "organisations", "organisationer";
    Municipalities => "kommuner", "municipalities", "kommuner";
    Roles => "roller", "roles", "roller";
    DeclaredConflicts => "Oplyste inhabiliteter:", "Declared conflicts:", "Uppgivna jäv:";
    NoPanelForRound => "runde {round} har intet panel, så ingen bedømmer kan godtages; angiv panelet med »kriterium panel set panel.toml«", "round {round} has no panel, so no reviewer can be accepted; set the panel with `kriterium panel set panel.toml`", "omgång {round} har ingen panel, så ingen bedömare kan godtas; ange panelen med ”kriterium panel set panel.toml”";
    NotOnPanel => "{reviewer} er ikke medlem af panelet ({members}){hint}", "{reviewer} is not a member of the panel ({members}){hint}", "{reviewer} är inte ledamot i panelen ({members}){hint}";
    LeftOutForConflict => "Udeladt af {reviewer's} ark: {conflict}", "Left out of {reviewer's} sheet: {conflict}", "Utelämnad ur {reviewer's} ark: {conflict}";
    TemplateWritten => "Bedømmelsesarket er skrevet til {out}: {count}{ineligible}.", "The review sheet is written to {out}: {count}{ineligible}.", "Bedömningsarket är skrivet till {out}: {count}{ineligible}.";
    IneligibleLeftOut => " ({count} uden adgang til støtte er udeladt)", " ({count} not eligible left out)", " ({count} utan rätt till stöd utelämnade)";
    ReviewerColumn => "Bedømmer", "Reviewer", "Bedömare";
    ScoreColumn => "Point", "Score", "Poäng";
    ReviewTwice => "{reviewer} har bedømt {criterion} for {id} mere end én gang", "{reviewer} scored {criterion} of {id} more than once", "{reviewer} har bedömt {criterion} för {id} mer än en gång";
    ConflictRefused => "{reviewer's} bedømmelse af {id} afvises: {reason}", "{reviewer's} review of {id} is refused: {reason}", "{reviewer's} bedömning av {id} avvisas: {reason}";
    ReviewsStored => "{reviewer}: {count} gemt.", "{reviewer}: {count} stored.", "{reviewer}: {count} sparade.";
    ReviewsReplaced => "De erstatter {count} fra et tidligere ark, som bevares i historikken.", "They replace {count} from an earlier sheet, kept in the history.", "De ersätter {count} från ett tidigare ark, som bevaras i historiken.";
    ReviewOne => "bedømmelse", "review", "bedömning";
    ReviewMany => "bedømmelser", "reviews", "bedömningar";
    ReviewerOne => "bedømmer", "reviewer", "bedömare";
    ReviewerMany => "bedømmere", "reviewers", "bedömare";
    ProblemOne => "fejl", "problem", "fel";
    ProblemMany => "fejl", "problems", "fel";
    ReviewsRefused => "Ingen bedømmelser er gemt ({count}).", "No reviews were stored ({count}).", "Inga bedömningar har sparats ({count}).";
    AwaitingReview => "Afventer bedømmelse: {count}.", "Awaiting review: {count}.", "Väntar på bedömning: {count}.";
    AbstainedButAssessed => "{name's} bedømmelse af {id} indgår i bedømmelsen, så {name} kan ikke have været inhabil i sagen; fjern navnet fra --abstained, eller indlæs et ark uden bedømmelsen med »kriterium reviews add« først", "{name's} review of {id} counts in its assessment, so {name} cannot have had a conflict of interest in it; leave the name out of --abstained, or first enter a sheet without the review with `kriterium reviews add`", "{name's} bedömning av {id} ingår i bedömningen, så {name} kan inte ha varit jävig i ärendet; ta bort namnet från --abstained, eller läs först in ett ark utan bedömningen med ”kriterium reviews add”";
    AbstainedFromAssessment => "Registreret som inhabil i afgørelsen, som i bedømmelsen: {names}.", "Recorded as standing aside from the decision, as from the assessment: {names}.", "Registrerad som jävig i beslutet, som i bedömningen: {names}.";
    SheetWithdraws => "{reviewer's} nye ark udelader ansøgninger, som {reviewer} har bedømt før ({count}): {list}. Et nyt ark erstatter alle bedømmerens tidligere bedømmelser i runden, så de ville blive trukket tilbage; tag dem med i arket, eller skriv --replace, hvis de skal trækkes tilbage.", "{reviewer's} new sheet leaves out applications {reviewer} reviewed before ({count}): {list}. A new sheet replaces all of the reviewer's earlier reviews in the round, so these would be withdrawn; include them in the sheet, or give --replace if they are to be withdrawn.", "{reviewer's} nya ark utelämnar ansökningar som {reviewer} har bedömt tidigare ({count}): {list}. Ett nytt ark ersätter alla bedömarens tidigare bedömningar i omgången, så de skulle dras tillbaka; ta med dem i arket, eller ange --replace om de ska dras tillbaka.";
    LetterAwaiting => "runde {round}: der kan ikke skrives brev til {id}: afgørelsen blev registreret, før registret gemte den bedømmelse, den blev truffet på, og ansøgningen afventer nu bedømmelse, så et bedømt kriterium har ingen point at begrunde med; indlæs bedømmelserne med »kriterium reviews add«, og træf afgørelse igen med »kriterium decide«", "round {round}: no letter can be written for {id}: the decision was recorded before the register kept the assessment it was made on, and the application now awaits review, so a reviewed criterion has no points to give as a reason; enter the reviews with `kriterium reviews add`, and decide again with `kriterium decide`", "omgång {round}: inget brev kan skrivas till {id}: beslutet registrerades innan registret sparade den bedömning det fattades på, och ansökan väntar nu på bedömning, så ett bedömt kriterium har inga poäng att motivera med; läs in bedömningarna med ”kriterium reviews add”, och fatta beslut igen med ”kriterium decide”";
    ExportedDecidedEarlier => "Bemærk: resultaterne viser de nuværende bedømmelser; afgørelserne om {count} blev truffet på en tidligere bedømmelse og står ved den ({list}; group-decisions.jsonl nævner den ved sit fingeraftryk, assessment_digest, og brevene bygger på den).", "Note: the results show the current assessments; the decisions on {count} were made on an earlier assessment and stand on it ({list}; group-decisions.jsonl names it by its digest, assessment_digest, and the letters state it).", "Obs: resultaten visar de nuvarande bedömningarna; besluten om {count} fattades på en tidigare bedömning och står fast vid den ({list}; group-decisions.jsonl anger den med sitt fingeravtryck, assessment_digest, och breven bygger på den).";
    DecidedReassessed => "BEMÆRK: i runde {round} får ansøgninger, der allerede har en afgørelse, en ny bedømmelse ({count}): {list}. Afgørelserne står ved den bedømmelse, de blev truffet på, og brevene bygger på den; træf afgørelse igen med »kriterium decide«, hvis gruppen skal afgøre på den nye bedømmelse.", "NOTE: in round {round}, applications that already have a decision get a new assessment ({count}): {list}. The decisions stand on the assessment they were made on, and their letters state that one; decide again with `kriterium decide` if the group is to decide on the new assessment.", "OBS: i omgång {round} får ansökningar som redan har ett beslut en ny bedömning ({count}): {list}. Besluten står fast vid den bedömning de fattades på, och breven bygger på den; fatta beslut igen med ”kriterium decide” om gruppen ska besluta på den nya bedömningen.";
    DecidedOnOther => "afgjort på en tidligere bedømmelse; bedømmelsen er ændret siden (træf afgørelse igen med »kriterium decide« for at afgøre på den nye)", "decided on an earlier assessment; the assessment has changed since (decide again with `kriterium decide` to decide on the new one)", "beslutat på en tidigare bedömning; bedömningen har ändrats sedan dess (fatta beslut igen med ”kriterium decide” för att besluta på den nya)";
    AwaitingReviewList => "Afventer bedømmelse: {count} ({list}).", "Awaiting review: {count} ({list}).", "Väntar på bedömning: {count} ({list}).";
    Disagreement => "Bedømmerne er uenige (til drøftelse): {list}.", "Reviewers disagree (for discussion): {list}.", "Bedömarna är oeniga (för diskussion): {list}.";
    ReviewsHeading => "Runde {round}: {reviewers}, {reviews} gældende; {superseded} tidligere ark erstattet.", "Round {round}: {reviewers}, {reviews} in force; {superseded} earlier sheets replaced.", "Omgång {round}: {reviewers}, {reviews} gällande; {superseded} tidigare ark ersatta.";
    ReviewerCol => "Bedømmer", "Reviewer", "Bedömare";
    CriterionCol => "Kriterium", "Criterion", "Kriterium";
    ReviewsCol => "Bedømt", "Reviewed", "Bedömda";
    SharedCol => "Delte", "Shared", "Delade";
    MeanCol => "Gennemsnit", "Mean", "Medelvärde";
    PanelMeanCol => "Panelets", "Panel's", "Panelens";
    OffsetCol => "Forskydning", "Offset", "Förskjutning";
    RawRankCol => "Som givet", "As given", "Som givet";
    CalibrationHeading => "Placering med kalibrerede point og med point som givet:", "Rank with calibrated scores and with scores as given:", "Placering med kalibrerade poäng och med poäng som givna:";
    DecideNoOneMayReview => "ansøgning {id} afventer bedømmelse, men alle panelets medlemmer er inhabile i den ({members}), så ingen kan bedømme den; udvid panelet med et medlem, der ikke er inhabilt (»kriterium panel set«), og indlæs hans eller hendes bedømmelse med »kriterium reviews add«", "application {id} awaits review, but every member of the panel stands aside from it ({members}), so no one can review it; add a member without a conflict to the panel (`kriterium panel set`), and enter their review with `kriterium reviews add`", "ansökan {id} väntar på bedömning, men alla panelens ledamöter är jäviga i den ({members}), så ingen kan bedöma den; utöka panelen med en ledamot som inte är jävig (”kriterium panel set”), och läs in hans eller hennes bedömning med ”kriterium reviews add”";
    DecideAwaiting => "ansøgning {id} afventer bedømmelse, så der kan ikke træffes afgørelse endnu; indlæs bedømmelserne med »kriterium reviews add«", "application {id} awaits review, so it cannot be decided yet; enter the reviews with `kriterium reviews add`", "ansökan {id} väntar på bedömning, så inget beslut kan fattas ännu; läs in bedömningarna med ”kriterium reviews add”";
    Exported => "Runde {id} er skrevet til {out}: det, »kriterium batch« skriver – indstillingen, hvor »bevilget« er det, indstillingen ville bevilge – og gruppens afgørelser i group-decisions.jsonl.", "Round {id} is written to {out}: what `kriterium batch` writes — the recommendation, whose \"granted\" is what the recommendation would grant — and the group's decisions in group-decisions.jsonl.", "Omgång {id} är skriven till {out}: det som ”kriterium batch” skriver – förslaget, där ”beviljat” är det förslaget skulle bevilja – och gruppens beslut i group-decisions.jsonl.";
    LetterWordsMissing => "runde {round} blev åbnet med regelsættet {pack}, som ikke har ordene til afgørelsesbreve: tilføj et afsnit [letter] i pack.toml (afsender, sagsnummer, retsgrundlag, vilkår, klagevejledning og underskrift; se docs/rule-authoring.md) og åbn en ny runde med det", "round {round} was opened with the pack {pack}, which has no words for decision letters: add a [letter] section to pack.toml (sender, case number, legal basis, conditions, klagevejledning and signature; see docs/rule-authoring.md) and open a new round with it", "omgång {round} öppnades med regelpaketet {pack}, som saknar orden för beslutsbrev: lägg till ett avsnitt [letter] i pack.toml (avsändare, diarienummer, rättslig grund, villkor, överklagandehänvisning och underskrift; se docs/rule-authoring.md) och öppna en ny omgång med det";
    NoDecisionsForLetters => "runde {round} har endnu ingen afgørelser at skrive breve om; registrér dem med »kriterium decide«", "round {round} has no decisions yet to write letters about; record them with `kriterium decide`", "omgång {round} har ännu inga beslut att skriva brev om; registrera dem med ”kriterium decide”";
    LettersWritten => "Breve skrevet til {out}: {count} (tilsagn: {grants}, delvist tilsagn: {partial}, afslag: {refusals}), hvert som HTML, Markdown og PDF, med en oversigt i letters.json.", "Letters written to {out}: {count} (grants: {grants}, partial grants: {partial}, refusals: {refusals}), each as HTML, Markdown and PDF, with an index in letters.json.", "Brev skrivna till {out}: {count} (beviljanden: {grants}, delvisa beviljanden: {partial}, avslag: {refusals}), vart och ett som HTML, Markdown och PDF, med en förteckning i letters.json.";
    PdfFailed => "brevet til {id} kunne ikke sættes som PDF ({problem}); det er en fejl i kriterium, så meld den venligst; intet er skrevet", "the letter to {id} could not be set as PDF ({problem}); this is a fault of kriterium, please report it; nothing was written", "brevet till {id} kunde inte sättas som PDF ({problem}); det är ett fel i kriterium, rapportera det gärna; inget har skrivits";
    LetterLanguage => "afgørelsesbrevene i runde {round} skrives på det sprog, ansøgningerne er vurderet på ({lang}), fordi begrundelserne er regelsættets sætninger på det sprog; et brev på {asked} ville blande to sprog. Udelad --lang {asked}", "the decision letters of round {round} are written in the language the applications were assessed in ({lang}), since their reasons are the rule pack's sentences in that language; a letter in {asked} would mix two languages. Leave out --lang {asked}", "beslutsbreven i omgång {round} skrivs på det språk som ansökningarna bedömdes på ({lang}), eftersom motiveringarna är regelpaketets meningar på det språket; ett brev på {asked} skulle blanda två språk. Utelämna --lang {asked}";
    NoLetterWordsNote => "Bemærk: regelsættet {pack} har intet afsnit [letter], så der kan ikke skrives afgørelsesbreve for runden (kriterium letters). Skal der sendes breve, så tilføj det i pack.toml og åbn runden med det, før ansøgningerne lægges ind.", "Note: the pack {pack} has no [letter] section, so no decision letters can be written for the round (kriterium letters). If letters are to be sent, add it to pack.toml and open the round with it before adding the applications.", "Obs: regelpaketet {pack} har inget avsnitt [letter], så inga beslutsbrev kan skrivas för omgången (kriterium letters). Ska brev skickas, lägg till det i pack.toml och öppna omgången med det innan ansökningarna läggs in.";
    ExportEmpty => "runde {id} har ingen ansøgninger at eksportere", "round {id} has no applications to export", "omgång {id} har inga ansökningar att exportera";
    }
}

/// `words` in the language of messages, its `{name}` placeholders filled.
pub fn say(words: Words, values: &[(&str, &str)]) -> String {
    words.fill(crate::messages::lang(), values)
}

/// `ids` each quoted as messages quote, separated by commas: "»A«, »B«".
pub fn quoted_list<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    ids.into_iter()
        .map(|id| crate::messages::quoted(id.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// That `name` is not a member of `panel`, with its members and the closest one's name, in the
/// language of messages: the one sentence for `reviews add`, `reviews template --reviewer` and
/// `decide --abstained`. Invisible characters in the name are shown (`text::quote`).
pub fn not_on_panel(panel: &kriterium_engine::panel::Panel, name: &str) -> String {
    let names: Vec<&str> = panel.members.iter().map(|m| m.name.as_str()).collect();
    say(
        Words::NotOnPanel,
        &[
            (
                "reviewer",
                &crate::messages::quoted(&kriterium_engine::text::quote(name)),
            ),
            ("members", &names.join(", ")),
            (
                "hint",
                &crate::messages::did_you_mean(name, names.iter().copied()),
            ),
        ],
    )
}

/// `n` applications ("1 ansøgning", "3 ansøgninger") in the language of messages.
pub fn applications(n: usize) -> String {
    count(n, Words::ApplicationOne, Words::ApplicationMany)
}

/// `n` and the singular or plural `one`/`many` in the language of messages.
pub fn count(n: usize, one: Words, many: Words) -> String {
    let word = if n == 1 { one } else { many };
    format!("{n} {}", word.text(crate::messages::lang()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_has_the_same_placeholders_in_every_language() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }
}
