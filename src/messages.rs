//! The command line's own words: every summary, error, hint and note the binary prints, in
//! Danish, English and Swedish ([`Message`]), and the language they are printed in.
//!
//! The language is decided once at the start (`--lang`, `KRITERIUM_LANG`, the locale: see
//! `language::of_messages`) and again when a command has loaded its rule pack, whose language
//! then comes before the locale ([`follow_pack`]). It is process-wide because messages are
//! made deep inside commands and on worker threads; it never reaches a result file, whose
//! language is `--lang` or the pack's (PRODUCT.md, "Determinism").

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use kriterium_engine::labels::{self, LANGUAGES};
use kriterium_engine::problem::Wording;

use crate::language;

/// `--lang` as given on the command line, set once by [`start`].
static FLAG: OnceLock<Option<&'static str>> = OnceLock::new();

/// The index in [`LANGUAGES`] of the language messages are printed in now (English until
/// [`start`]).
static CURRENT: AtomicUsize = AtomicUsize::new(1);

/// Decides the language of messages before any pack is loaded: `flag` (`--lang`), else
/// `KRITERIUM_LANG`, else the locale, else English.
pub fn start(flag: Option<&str>) {
    let flag = flag.and_then(|f| LANGUAGES.iter().copied().find(|l| *l == f));
    let _ = FLAG.set(flag);
    set(language::of_messages(flag, None));
    // A language we do not speak in KRITERIUM_LANG is said once, here, unless --lang overrides it.
    if flag.is_none()
        && let Err(value) = language::from_env()
    {
        errln!(
            "{}: {}",
            Message::WarningPrefix.text(lang()),
            say(
                Message::UnknownLanguage,
                &[("env", language::ENV), ("value", &quoted(&value))]
            )
        );
    }
}

/// The command's pack is loaded: its language now comes after `--lang` and `KRITERIUM_LANG`
/// and before the locale.
pub fn follow_pack(pack_language: &str) {
    if SETTLED.load(Ordering::Relaxed) {
        return;
    }
    let flag = FLAG.get().copied().flatten();
    set(language::of_messages(flag, Some(pack_language)));
}

/// Set by [`settle`]: the language no longer follows packs.
static SETTLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Fixes the language of messages for the rest of the process: `kriterium serve` speaks one
/// language to everyone, whatever the rounds' packs speak (Danish unless `--lang` or
/// `KRITERIUM_LANG` says otherwise).
pub fn settle(lang: &str) {
    set(lang);
    SETTLED.store(true, Ordering::Relaxed);
}

fn set(lang: &str) {
    if let Some(i) = LANGUAGES.iter().position(|l| *l == lang) {
        CURRENT.store(i, Ordering::Relaxed);
    }
}

/// The language messages are printed in now: `da`, `en` or `sv`.
pub fn lang() -> &'static str {
    LANGUAGES
        .get(CURRENT.load(Ordering::Relaxed))
        .copied()
        .unwrap_or("en")
}

/// `message` in the current language with its `{name}` placeholders filled.
pub fn say(message: Message, values: &[(&str, &str)]) -> String {
    message.fill(lang(), values)
}

/// An amount of `currency` as the current language writes it (`400.000 kr.`, `DKK 400,000`).
pub fn amount(n: u64, currency: &str) -> String {
    labels::amount(n, currency, lang())
}

/// `text` quoted as the current language quotes a name: »budget« in Danish, ”budget” in Swedish,
/// `budget` in English — the engine's quotes (`Wording::Quoted`), so a name reads alike in a
/// problem and in the command line's own words.
pub fn quoted(text: &str) -> String {
    Wording::Quoted.fill(lang(), &[("value", text)])
}

/// "; did you mean `NAME`?" for `name` (the engine's `Wording::DidYouMean`).
pub fn suggest(name: &str) -> String {
    Wording::DidYouMean.fill(lang(), &[("name", name)])
}

/// "; did you mean `NAME`?" for the one of `known` closest to `wrong`, or nothing when none
/// is close (`kriterium_engine::suggest`).
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    kriterium_engine::suggest::closest(wrong, known)
        .map(suggest)
        .unwrap_or_default()
}

/// `n` and the singular or plural of a count in the current language (`1 fejl`, `2 errors`).
/// `n` is any whole-number type (`usize` of a list, `u64` of a summary).
pub fn count<N>(n: N, one: Message, many: Message) -> String
where
    N: TryInto<u64> + std::fmt::Display + Copy,
{
    let word = if n.try_into().is_ok_and(|n| n == 1) {
        one
    } else {
        many
    };
    format!("{n} {}", word.text(lang()))
}

kriterium_engine::translation_table! {
    /// A message of the command line. Placeholders in braces are filled by [`say`].
    Message {
    ErrorPrefix => "fejl", "error", "fel";
    WarningPrefix => "advarsel", "warning", "varning";
    NotePrefix => "bemærk", "note", "obs";
    WorkerStopped => "intern fejl: arbejdstråden stoppede", "internal error: the worker thread stopped", "internt fel: arbetstråden stannade";
    NoWorker => "kan ikke starte en arbejdstråd: {reason}", "cannot start a worker thread: {reason}", "kan inte starta en arbetstråd: {reason}";

    // batch
    BatchSummary => "{inputs}: {fund} støttes, {reserve} på venteliste, {below} under minimumskravene, {ineligible} opfylder ikke adgangskravene, {rejected}; {used} af {budget} bevilget; resultater i {out}",
        "{inputs}: {fund} fund, {reserve} reserve, {below} below threshold, {ineligible} ineligible, {rejected}; {used} of {budget} granted; results in {out}",
        "{inputs}: {fund} beviljas, {reserve} på reservlista, {below} under minimikraven, {ineligible} uppfyller inte behörighetskraven, {rejected}; {used} av {budget} beviljat; resultat i {out}";
    NothingRead => "ingen ansøgning blev læst fra {inputs} (en sti, der ikke findes, en tom .jsonl-fil eller tom standard input, eller en mappe uden .json- eller .jsonl-filer), så »{out}« er urørt",
        "no application was read from {inputs} (a path that does not exist, an empty .jsonl file or standard input, or a folder without .json or .jsonl files), so `{out}` is left as it was",
        "ingen ansökan lästes från {inputs} (en sökväg som inte finns, en tom .jsonl-fil eller tom standard input, eller en mapp utan .json- eller .jsonl-filer), så »{out}« är orörd";
    NotStored => "resultaterne kunne ikke gemmes i »{out}«, som er urørt", "the results could not be stored in `{out}`, which is left as it was", "resultaten kunde inte sparas i ”{out}”, som är orörd";
    CannotAssess => "ansøgningerne kan ikke vurderes", "the applications cannot be assessed", "ansökningarna kan inte bedömas";
    PackageFailed => "den bedste pakke inden for puljen kunne ikke beregnes ({problem}); intet er skrevet. Fortæl det til den, der vedligeholder kriterium", "the best package within the budget could not be computed ({problem}); nothing was written. Tell whoever maintains kriterium", "det bästa paketet inom budgeten kunde inte beräknas ({problem}); inget har skrivits. Berätta det för den som underhåller kriterium";
    NoWriterThreads => "kan ikke starte de tråde, der skriver resultaterne", "cannot start the threads that write the results", "kan inte starta trådarna som skriver resultaten";
    NoRobustness => "index.html har intet afsnit om robusthed: {count} placerede ansøgninger (flere end {max}); kør »kriterium sensitivity« på et udvalg",
        "index.html has no robustness section: {count} ranked applications (more than {max}); run `kriterium sensitivity` on a selection",
        "index.html har inget avsnitt om robusthet: {count} placerade ansökningar (fler än {max}); kör »kriterium sensitivity« på ett urval";
    // Counted words: `count` puts the number in front and takes the singular for one.
    Application => "ansøgning", "application", "ansökan";
    Applications => "ansøgninger", "applications", "ansökningar";
    RejectedOne => "afvist", "rejected", "avvisad";
    RejectedMany => "afvist", "rejected", "avvisade";
    Progress => "ansøgninger vurderet", "applications assessed", "ansökningar bedömda";

    // validate, check, test
    ValidOne => "{place}: i orden ({id})", "{place}: ok ({id})", "{place}: ok ({id})";
    ValidSummary => "{valid}, {invalid}", "{valid}, {invalid}", "{valid}, {invalid}";
    ValidOneCount => "gyldig", "valid", "giltig";
    ValidManyCount => "gyldige", "valid", "giltiga";
    InvalidOneCount => "ugyldig", "invalid", "ogiltig";
    InvalidManyCount => "ugyldige", "invalid", "ogiltiga";
    Error => "fejl", "error", "fel";
    Errors => "fejl", "errors", "fel";
    Warning => "advarsel", "warning", "varning";
    Warnings => "advarsler", "warnings", "varningar";
    PackUnusable => "{name}: {errors}, {warnings}: regelsættet kan ikke bruges, før fejlene er rettet", "{name}: {errors}, {warnings}: the pack cannot be used until the errors are fixed", "{name}: {errors}, {warnings}: regelpaketet kan inte användas förrän felen är rättade";
    PackOk => "i orden", "ok", "ok";
    PackUsable => "kan bruges, {warnings}", "usable, {warnings}", "kan användas, {warnings}";
    PackChecked => "{name}: {state}: {id} {version}, {gates} adgangskrav, {criteria} kriterier, fingeraftryk {fingerprint}", "{name}: {state}: {id} {version}, {gates} gates, {criteria} criteria, fingerprint {fingerprint}", "{name}: {state}: {id} {version}, {gates} behörighetskrav, {criteria} kriterier, fingeravtryck {fingerprint}";
    PackCheckedPortfolio => "{name}: {state}: {id} {version}, {gates} adgangskrav, {criteria} kriterier, {attributes} porteføljeegenskaber, {goals} porteføljemål, fingeraftryk {fingerprint}", "{name}: {state}: {id} {version}, {gates} gates, {criteria} criteria, {attributes} portfolio attributes, {goals} portfolio goals, fingerprint {fingerprint}", "{name}: {state}: {id} {version}, {gates} behörighetskrav, {criteria} kriterier, {attributes} portföljegenskaper, {goals} portföljmål, fingeravtryck {fingerprint}";
    NoCases => "{name}: ingen testtilfælde: tilføj »{folder}/*.toml«-filer (se docs/rule-authoring.md)", "{name}: no test cases: add `{folder}/*.toml` files (see docs/rule-authoring.md)", "{name}: inga testfall: lägg till ”{folder}/*.toml”-filer (se docs/rule-authoring.md)";
    Case => "tilfælde", "case", "testfall";
    Cases => "tilfælde", "cases", "testfall";
    CasesSummary => "{cases}: {passed}, {failed}", "{cases}: {passed}, {failed}", "{cases}: {passed}, {failed}";
    UnreachedHeading => "Kald, som intet testtilfælde når (begrundelser, som ingen sag viser er sande; tilføj et testtilfælde for hver):", "Calls no test case reaches (reasons no case shows to be true; add a case for each):", "Anrop som inget testfall når (motiveringar som inget fall visar är sanna; lägg till ett testfall för vart och ett):";
    DefensiveHeading => "Kald markeret som defensive (»// defensive: …«), som intet testtilfælde når:", "Calls marked defensive (`// defensive: …`) that no test case reaches:", "Anrop markerade som defensiva (”// defensive: …”) som inget testfall når:";
    UnreachedSummary => "; {count} nås ikke af noget testtilfælde", "; {count} reached by no test case", "; {count} nås inte av något testfall";
    CallOne => "kald", "call", "anrop";
    CallMany => "kald", "calls", "anrop";
    PassedOne => "bestået", "passed", "godkänt";
    PassedMany => "bestået", "passed", "godkända";
    FailedOne => "fejlet", "failed", "underkänt";
    FailedMany => "fejlet", "failed", "underkända";
    // `test`: the mark in front of each case and the labels of a mismatch, aligned by `test.rs`.
    CasePassed => "ok", "ok", "ok";
    CaseFailed => "FEJLET", "FAIL", "UNDERKÄNT";
    CaseBroken => "KØRTE IKKE", "ERROR", "KÖRDES INTE";
    CaseExpected => "forventet:", "expected:", "förväntat:";
    CaseActual => "faktisk:", "actual:", "faktiskt:";
    CaseReason => "begrundelse:", "reason:", "motivering:";
    CasesBroken => ", {broken} kunne ikke køre", ", {broken} could not run", ", {broken} kunde inte köras";

    // packs
    PackCannotBeUsed => "regelsættet »{name}« kan ikke bruges", "the rule pack `{name}` cannot be used", "regelpaketet ”{name}” kan inte användas";
    NoSuchPack => "intet regelsæt »{name}«: det er hverken en mappe eller et indbygget regelsæt{hint} (indbyggede: {known})", "no rule pack `{name}`: it is neither a folder nor a built-in pack{hint} (built-in: {known})", "inget regelpaket ”{name}”: det är varken en mapp eller ett inbyggt regelpaket{hint} (inbyggda: {known})";
    NoSuchBuiltIn => "intet indbygget regelsæt »{name}«{hint} (indbyggede: {known})", "no built-in pack `{name}`{hint} (built-in: {known})", "inget inbyggt regelpaket ”{name}”{hint} (inbyggda: {known})";
    ScriptsDoNotCompile => "regelsættets scripts kan ikke oversættes", "the rule pack's scripts do not compile", "regelpaketets skript kan inte kompileras";
    Default => "(standard)", "(default)", "(standard)";
    WroteDefinitions => "skrev {files} (regelsæt »{id}«) til {dir}", "wrote {files} (pack `{id}`) to {dir}", "skrev {files} (regelpaket ”{id}”) till {dir}";
    WroteExport => "skrev regelsættet »{name}« til {dir}; brug det med --rules {dir}", "wrote the pack `{name}` to {dir}; use it with --rules {dir}", "skrev regelpaketet ”{name}” till {dir}; använd det med --rules {dir}";

    // assess, sensitivity
    OneFile => "»{command}« tager én ansøgningsfil (.json); brug »validate« eller »batch« til flere", "`{command}` takes one application file (.json); use `validate` or `batch` for several", "”{command}” tar en ansökningsfil (.json); använd ”validate” eller ”batch” för flera";
    HoldsNoApplication => "»{path}« indeholder ingen ansøgning", "`{path}` holds no application", "”{path}” innehåller ingen ansökan";
    CannotBeAssessed => "{source}: kan ikke vurderes:", "{source}: cannot be assessed:", "{source}: kan inte bedömas:";
    NotAssessed => "{source}: ikke vurderet: {problems}", "{source}: not assessed: {problems}", "{source}: inte bedömd: {problems}";

    // verify
    HoldsNoDecision => "»{path}« indeholder ingen afgørelse", "`{path}` holds no decision", "”{path}” innehåller inget beslut";
    PackNotBuiltIn => "afgørelsen nævner regelsættet »{named}«, som ikke er indbygget; kontrollerer med »{used}« (angiv afgørelsens regelsæt med --rules)", "the decision names the pack `{named}`, which is not built in; checking with `{used}` (give the decision's pack with --rules)", "beslutet nämner regelpaketet ”{named}”, som inte är inbyggt; kontrollerar med ”{used}” (ange beslutets regelpaket med --rules)";
    NoDecisionOn => "»{path}« indeholder ingen afgørelse om ansøgning »{id}« ({count} i filen)", "`{path}` holds no decision on application `{id}` ({count} in the file)", "”{path}” innehåller inget beslut om ansökan ”{id}” ({count} i filen)";
    Decision => "afgørelse", "decision", "beslut";
    Decisions => "afgørelser", "decisions", "beslut";
    AndMore => "og {n} flere", "and {n} more", "och {n} till";
    SeveralDecisions => "filen indeholder {n} afgørelser om ansøgning »{id}« (linje {lines}); hvilken der blev truffet, kan ikke afgøres, så ingen kontrolleres: behold kun den afgørelse, der blev truffet", "the file holds {n} decisions on application `{id}` (lines {lines}); which one was recorded cannot be told, so none is verified: keep only the decision that was made", "filen innehåller {n} beslut om ansökan ”{id}” (rad {lines}); vilket som fattades går inte att avgöra, så inget kontrolleras: behåll bara det beslut som fattades";
    Reproduces => "{id}: afgørelsen genskabes præcist (regelsæt {pack} {version}, {fingerprint}; ansøgning {application}).", "{id}: the decision reproduces exactly (pack {pack} {version}, {fingerprint}; application {application}).", "{id}: beslutet återskapas exakt (regelpaket {pack} {version}, {fingerprint}; ansökan {application}).";
    DoesNotReproduce => "{id}: afgørelsen genskabes IKKE.", "{id}: the decision does NOT reproduce.", "{id}: beslutet återskapas INTE.";
    PackChanged => "Regelsættet er ændret siden afgørelsen: den blev truffet med {was}, regelsættet er nu {now}.", "The rule pack has changed since the decision: it was made with {was}, the pack now is {now}.", "Regelpaketet har ändrats sedan beslutet: det fattades med {was}, regelpaketet är nu {now}.";
    ApplicationChanged => "Ansøgningen er ikke den, der blev afgjort: dens fingeraftryk var {was}, nu er det {now}.", "The application is not the one that was decided: its fingerprint was {was}, it is now {now}.", "Ansökan är inte den som beslutades: dess fingeravtryck var {was}, nu är det {now}.";
    OtherFieldsSame => "Alle andre felter er ens.", "Every other field is the same.", "Alla andra fält är lika.";
    FieldDiffers => "{n} felt er forskelligt:", "{n} field differs:", "{n} fält skiljer sig:";
    FieldsDiffer => "{n} felter er forskellige:", "{n} fields differ:", "{n} fält skiljer sig:";
    CriterionItem => "kriteriet »{id}«", "criterion `{id}`", "kriteriet ”{id}”";
    GateItem => "adgangskravet »{id}«", "gate `{id}`", "behörighetskravet ”{id}”";
    DifferenceIndented => "  {field}: gemt {recorded}, nu {now}", "  {field}: recorded {recorded}, now {now}", "  {field}: sparat {recorded}, nu {now}";
    FromBatch => "Placering, bevilling og finansieringslinje kommer fra hele batchen og tages som gemt; kør batchen igen for at kontrollere dem.", "Rank, grant and funding line come from the whole batch and are taken as recorded; run the batch again to check them.", "Placering, beviljat belopp och finansieringsgräns kommer från hela batchen och tas som sparade; kör batchen igen för att kontrollera dem.";

    // samples
    NoSamples => "regelsættet »{name}« har ingen indbyggede eksempelansøgninger; angiv skabeloner med --from DIR", "the pack `{name}` has no built-in sample applications; give templates with --from DIR", "regelpaketet ”{name}” har inga inbyggda exempelansökningar; ange mallar med --from DIR";
    NothingGenerated => "intet lavet: hver skabelon skal være en gyldig ansøgning til regelsættet »{name}«; ret eller fjern filerne ovenfor", "nothing generated: every template must be a valid application for the pack `{name}`; fix or remove the files above", "inget skapat: varje mall måste vara en giltig ansökan för regelpaketet ”{name}”; rätta eller ta bort filerna ovan";
    NoTemplates => "ingen ansøgning blandt skabelonerne at variere", "no application among the templates to vary", "ingen ansökan bland mallarna att variera";

    // batch --out
    Locked => "en anden kørsel af kriterium skriver til »{out}« nu; vent, til den er færdig, eller vælg en anden --out", "another run of kriterium is writing to `{out}` now; wait until it has finished, or choose another `--out`", "en annan körning av kriterium skriver till ”{out}” nu; vänta tills den är klar, eller välj en annan --out";
    DanglingLink => "»{out}« er et link til en mappe, der ikke findes; opret mappen, den peger på, eller angiv en anden --out", "`{out}` is a link to a folder that does not exist; create the folder it points to, or give another --out", "”{out}” är en länk till en mapp som inte finns; skapa mappen den pekar på, eller ange en annan --out";
    CannotHoldResults => "»{out}« kan ikke rumme resultaterne; angiv en mappe som »results«", "`{out}` cannot hold the results; give a folder such as `results`", "”{out}” kan inte rymma resultaten; ange en mapp som ”results”";
    OutIsFile => "»{out}« er en fil; --out skal være en mappe", "`{out}` is a file; --out needs a folder", "”{out}” är en fil; --out måste vara en mapp";
    Restored => "»{out}« blev genskabt: den forrige batch stoppede, mens den erstattede den", "`{out}` was restored: the previous batch stopped while replacing it", "”{out}” återställdes: den förra batchen stannade medan den ersatte den";
    SeveralPrevious => "»{out}« mangler, og der ligger {n} tidligere resultatmapper ved siden af den ({folders}); omdøb den, der skal beholdes, til »{name}«, og fjern de andre", "`{out}` is missing and there are {n} earlier results folders beside it ({folders}); rename the one to keep to `{name}` and remove the others", "”{out}” saknas och det finns {n} tidigare resultatmappar bredvid den ({folders}); byt namn på den som ska behållas till ”{name}” och ta bort de andra";
    NoSummary => "er ikke tom og har ingen »summary.json« fra kriterium", "is not empty and has no `summary.json` from kriterium", "är inte tom och har ingen ”summary.json” från kriterium";
    ForeignFiles => "indeholder filer, en batch ikke skriver ({files})", "holds files a batch does not write ({files})", "innehåller filer som en batch inte skriver ({files})";
    NoLettersIndex => "er ikke tom og har ingen »letters.json« fra kriterium", "is not empty and has no `letters.json` from kriterium", "är inte tom och har ingen ”letters.json” från kriterium";
    ForeignLetterFiles => "indeholder filer, kriterium letters ikke skriver ({files})", "holds files kriterium letters does not write ({files})", "innehåller filer som kriterium letters inte skriver ({files})";
    NotLetters => "»{out}« {why}: den er ikke en mappe med breve, og kriterium letters erstatter hele sin --out-mappe; angiv en ny eller tom mappe, eller flyt filerne væk", "`{out}` {why}: it is not a folder of letters, and kriterium letters replaces its --out folder whole; give a new or empty folder, or move those files away", "”{out}” {why}: den är inte en mapp med brev, och kriterium letters ersätter hela sin --out-mapp; ange en ny eller tom mapp, eller flytta bort filerna";
    NotResults => "»{out}« {why}: den er ikke en resultatmappe, og en batch erstatter hele sin --out-mappe; angiv en ny eller tom mappe, eller flyt filerne væk", "`{out}` {why}: it is not a results folder, and a batch replaces its --out folder whole; give a new or empty folder, or move those files away", "”{out}” {why}: den är inte en resultatmapp, och en batch ersätter hela sin --out-mapp; ange en ny eller tom mapp, eller flytta bort filerna";

    // writing results
    CannotStore => "kan ikke {action} {place}: {reason}", "cannot {action} {place}: {reason}", "kan inte {action} {place}: {reason}";
    StandardOutput => "standard output", "standard output", "standard output";
    OutputIsInput => "{output} er den samme fil som inputtet {input}; skriv resultatet til en anden fil, ellers ville inputtet blive overskrevet", "{output} is the same file as the input {input}; write the result to another file, or the input would be overwritten", "{output} är samma fil som indata {input}; skriv resultatet till en annan fil, annars skulle indata skrivas över";
    ActWrite => "skrive", "write", "skriva";
    ActWriteTo => "skrive til", "write to", "skriva till";
    ActRead => "læse", "read", "läsa";
    ActCreateFolder => "oprette mappen", "create the folder", "skapa mappen";
    ActCreateFolderIn => "oprette en mappe i", "create a folder in", "skapa en mapp i";
    ActCreateLock => "oprette låsefilen", "create the lock file", "skapa låsfilen";
    ActFindFolder => "finde mappen", "find the folder", "hitta mappen";
    ActLock => "låse resultatmappen gennem", "lock the results folder through", "låsa resultatmappen genom";
    ActMoveAside => "flytte de forrige resultater til side i", "move aside the previous results in", "flytta undan de förra resultaten i";
    ActMoveInto => "flytte de nye resultater ind i", "move the new results into", "flytta in de nya resultaten i";
    ActReadFolder => "læse mappen", "read the folder", "läsa mappen";
    ActReplaceFolder => "erstatte mappen", "replace the folder", "ersätta mappen";
    ActRestore => "genskabe de forrige resultater i", "restore the previous results in", "återställa de förra resultaten i";
    ActMoveIntoPlace => "flytte på plads", "move into place", "flytta på plats";
    DiskFull => "disken er fuld", "the disk is full", "disken är full";
    ClosedPipe => "programmet, der læste det, stoppede før slutningen (et lukket rør)", "the program reading it stopped before the end (a closed pipe)", "programmet som läste det slutade före slutet (ett stängt rör)";
    QuotaUsed => "diskkvoten er brugt op", "the disk quota is used up", "diskkvoten är förbrukad";
    ReadOnly => "disken er skrivebeskyttet", "the disk is read-only", "disken är skrivskyddad";
    PermissionDenied => "adgang nægtet (mappen kan ikke skrives i)", "permission denied (the folder cannot be written)", "åtkomst nekad (det går inte att skriva i mappen)";
    FolderNotEmpty => "»{dir}« findes allerede og er ikke tom; angiv en ny mappe", "`{dir}` already exists and is not empty; give a new folder", "”{dir}” finns redan och är inte tom; ange en ny mapp";
    UnknownLanguage => "{env}={value} er ikke et sprog, som kriterium taler; det ignoreres (sprogene er da, en og sv)", "{env}={value} is not a language kriterium speaks; it is ignored (the languages are da, en and sv)", "{env}={value} är inte ett språk som kriterium talar; det ignoreras (språken är da, en och sv)";
    // the command line itself
    UsageHeading => "Brug:", "Usage:", "Användning:";
    TryHelp => "Skriv »{help}« for at se mere.", "For more information, try `{help}`.", "Skriv ”{help}” för att se mer.";
    UnknownCommand => "ukendt kommando {value}{hint}", "unknown command {value}{hint}", "okänt kommando {value}{hint}";
    ExtraArgument => "{value} er et argument for meget; kommandoen tager kun de argumenter, der står under »Brug:« nedenfor", "{value} is one argument too many; the command takes only the arguments shown under `Usage:` below", "{value} är ett argument för mycket; kommandot tar bara de argument som står under ”Användning:” nedan";
    NegativeNumber => "{value} er et negativt tal, og intet tilvalg tager et negativt tal; skriv tallet uden minus", "{value} is a negative number, and no option takes a negative number; write the number without the minus", "{value} är ett negativt tal, och inget alternativ tar ett negativt tal; skriv talet utan minus";
    GivenTwice => "{arg} er angivet to gange; angiv det én gang", "{arg} is given twice; give it once", "{arg} är angivet två gånger; ange det en gång";
    NegativeAmount => "{value} er negativt; et beløb kan ikke være negativt, skriv fx 400000 eller 400.000", "{value} is negative; an amount cannot be negative, write one such as 400000 or 400 000", "{value} är negativt; ett belopp kan inte vara negativt, skriv till exempel 400000 eller 400 000";
    UnknownOption => "ukendt tilvalg {value}{hint}", "unknown option {value}{hint}", "okänt alternativ {value}{hint}";
    MissingArgument => "mangler: {args}", "missing: {args}", "saknas: {args}";
    MissingValue => "{arg} skal have en værdi", "{arg} needs a value", "{arg} behöver ett värde";
    InvalidValue => "{value} er ikke en mulig værdi for {arg} (mulige værdier: {valid}){hint}", "{value} is not a possible value for {arg} (possible values: {valid}){hint}", "{value} är inte ett möjligt värde för {arg} (möjliga värden: {valid}){hint}";
    MissingCommand => "{command} skal have en underkommando: {valid}", "{command} needs a subcommand: {valid}", "{command} behöver ett underkommando: {valid}";
    WrongNumberOfValues => "forkert antal værdier for {arg}", "wrong number of values for {arg}", "fel antal värden för {arg}";
    Conflict => "{arg} kan ikke bruges sammen med {other}", "{arg} cannot be used with {other}", "{arg} kan inte användas tillsammans med {other}";
    AmountEmpty => "der mangler et beløb; skriv beløbet som 400000 eller 400.000", "an amount is missing; write the amount as 400000 or 400 000", "ett belopp saknas; skriv beloppet som 400000 eller 400 000";
    NotAnAmount => "{value} er ikke et beløb; skriv beløbet som et helt tal, fx 400000 eller 400.000", "{value} is not an amount; write the amount in whole units as 400000 or 400 000", "{value} är inget belopp; skriv beloppet som ett heltal, t.ex. 400000 eller 400 000";
    AmountAmbiguous => "{value} kan læses som et decimaltal eller som tusinder; skriv 400000 eller 400.000", "{value} can be read as a decimal number or as thousands; write 400000 or 400 000", "{value} kan läsas som ett decimaltal eller som tusental; skriv 400000 eller 400 000";
    AmountTooLarge => "{value} er et større beløb, end programmet kan regne med", "{value} is a larger amount than the program can count", "{value} är ett större belopp än programmet kan räkna med";
    NotAWholeNumber => "{value} er ikke et helt tal; skriv et tal fra {min} til {max}", "{value} is not a whole number; write a number from {min} to {max}", "{value} är inget heltal; skriv ett tal från {min} till {max}";
    NotACount => "{value} er ikke et helt tal; skriv fx 1000", "{value} is not a whole number; write one such as 1000", "{value} är inget heltal; skriv till exempel 1000";
    OutOfRange => "{value} er uden for det tilladte; skriv et tal fra {min} til {max}", "{value} is out of range; write a number from {min} to {max}", "{value} är utanför det tillåtna; skriv ett tal från {min} till {max}";
    FolderIsFile => "»{dir}« er en fil; angiv en ny mappe", "`{dir}` is a file; give a new folder", "”{dir}” är en fil; ange en ny mapp";
    }
}

/// The error a command stops with when the solver of the best package breaks down (not a
/// mistake in the round): said in the language of messages, with the solver's detail.
pub fn package_failed(e: kriterium_engine::package::PackageError) -> anyhow::Error {
    anyhow::anyhow!(say(Message::PackageFailed, &[("problem", &e.0)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message has the same placeholders in each language, so a value filled in English
    /// is never missing in Danish or Swedish.
    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Message::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn danish_and_swedish_are_not_english_copies_of_sentences() {
        // A sentence (with a space) that reads the same in all three languages was not translated.
        let with_english = Message::alike("da", "en");
        let alike: Vec<_> = Message::alike("sv", "en")
            .into_iter()
            .filter(|m| with_english.contains(m))
            .filter(|m| {
                // Words, not only placeholders and punctuation (`{valid}, {invalid}`).
                let words: String = m
                    .text("en")
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                    .collect();
                words.contains(' ') && words.chars().any(char::is_alphabetic)
            })
            .filter(|m| !matches!(m, Message::StandardOutput))
            .collect();
        assert!(alike.is_empty(), "untranslated: {alike:?}");
    }
}
