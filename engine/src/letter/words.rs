//! The fixed words of a decision letter: headings and the sentences that carry the facts, in
//! Danish, English and Swedish. Everything about a programme (sender, legal basis, conditions,
//! klagevejledning, bases of rules) comes from the pack; these are the words every Danish or
//! Swedish decision letter shares (forvaltningsloven §§ 22–25; förvaltningslagen 32–33 §§).

crate::translation_table! {
    /// A fixed word or sentence of a letter.
    Words {
    Date => "Dato", "Date", "Datum";
    Case => "Sagsnummer", "Case number", "Diarienummer";
    Page => "Side", "Page", "Sida";
    PageOf => "af", "of", "av";
    Appendix => "Bilag", "Appendix", "Bilaga";
    TitleGrant => "Tilsagn om tilskud til »{title}«", "Grant for »{title}«", "Beviljat bidrag till »{title}«";
    TitlePartial => "Delvist tilsagn om tilskud til »{title}«", "Partial grant for »{title}«", "Delvis beviljat bidrag till »{title}«";
    TitleRefusal => "Afslag på ansøgning om tilskud til »{title}«", "Refusal of the application for »{title}«", "Avslag på ansökan om bidrag till »{title}«";
    Applied => "Du har søgt {programme} om {requested} til indsatsen »{title}« (ansøgning {id}, runde {round}).", "You applied to {programme} for {requested} for the initiative »{title}« (application {id}, round {round}).", "Du har ansökt hos {programme} om {requested} för insatsen »{title}« (ansökan {id}, omgång {round}).";
    Decision => "Afgørelse", "Decision", "Beslut";
    DecidedGrant => "Den {date} er der truffet afgørelse om at give tilsagn om tilskud på {amount} til indsatsen, som du har søgt om.", "On {date} it was decided to grant {amount} to the initiative, as applied for.", "Den {date} beslutades att bevilja {amount} till insatsen, så som du har ansökt om.";
    DecidedPartial => "Den {date} er der truffet afgørelse om at give delvist tilsagn om tilskud på {amount} til indsatsen. Du har søgt om {requested}, så der er givet afslag på {refused} af beløbet.", "On {date} it was decided to grant {amount} to the initiative. You applied for {requested}, so {refused} of the amount is refused.", "Den {date} beslutades att bevilja {amount} till insatsen. Du har ansökt om {requested}, så {refused} av beloppet avslås.";
    DecidedRefusal => "Den {date} er der truffet afgørelse om at give afslag på din ansøgning om tilskud på {requested} til indsatsen.", "On {date} it was decided to refuse your application for {requested} for the initiative.", "Den {date} beslutades att avslå din ansökan om {requested} till insatsen.";
    Reasons => "Begrundelse", "Reasons", "Motivering";
    LegalBasis => "Retsgrundlag", "Legal basis", "Rättslig grund";
    RulesApplied => "Afgørelsen bygger på disse adgangskrav og kriterier. Ved hver regel står, hvor den kommer fra: kildens egne ord er citeret, og hvor reglen er en fortolkning af kilden, står det.", "The decision rests on these eligibility requirements and criteria. Each rule says where it comes from: the source's own words are quoted, and where a rule is a reading of the source, it says so.", "Beslutet grundar sig på dessa behörighetskrav och kriterier. Vid varje regel står var den kommer ifrån: källans egna ord citeras, och där regeln är en tolkning av källan står det.";
    GateRule => "Adgangskrav: {title}", "Eligibility requirement: {title}", "Behörighetskrav: {title}";
    CriterionRule => "Kriterium {n}: {title}", "Criterion {n}: {title}", "Kriterium {n}: {title}";
    MinimumRule => "Mindst {min} point på »{title}«", "At least {min} points on »{title}«", "Minst {min} poäng på »{title}«";
    ThresholdRule => "Mindst {min} point i alt", "At least {min} points in total", "Minst {min} poäng totalt";
    DisagreementRule => "Bedømmerne er uenige om »{title}«, når deres point ligger {limit} point eller mere fra hinanden; ansøgningen drøftes da", "The reviewers disagree on »{title}« when their scores are {limit} points or more apart; the application is then discussed", "Bedömarna är oeniga om »{title}« när deras poäng ligger {limit} poäng eller mer från varandra; ansökan diskuteras då";
    CalibrationRule => "Bedømmernes point kalibreres for den enkelte bedømmers niveau (forskydning)", "The reviewers' scores are calibrated for each reviewer's leniency (offset)", "Bedömarnas poäng kalibreras för den enskilda bedömarens nivå (förskjutning)";
    NoCalibrationRule => "Bedømmernes point tæller, som de er givet", "The reviewers' scores count as given", "Bedömarnas poäng räknas så som de har getts";
    NoBasis => "Regelsættet angiver ikke, hvor reglen kommer fra.", "The rule pack does not say where this rule comes from.", "Regelpaketet anger inte var regeln kommer ifrån.";
    Replaces => "Afgørelsen af {date} om {earlier} erstattes hermed af denne.", "The decision of {date} on {earlier} is hereby replaced by this one.", "Beslutet den {date} om {earlier} ersätts härmed av detta.";
    EarlierGrant => "tilsagn om {amount}", "a grant of {amount}", "beviljande av {amount}";
    EarlierRefusal => "afslag", "a refusal", "avslag";
    MainConsiderations => "Hovedhensyn", "Main considerations", "Huvudsakliga överväganden";
    CriteriaIntro => "Ansøgningerne vurderes efter {n} kriterier i prioriteret rækkefølge. Hvert kriterium giver point, som ganges med kriteriets vægt; jo højere prioritet, jo større vægt. Højst {max} point i alt.", "Applications are assessed against {n} criteria in order of priority. Each criterion gives points, multiplied by its weight; the higher the priority, the greater the weight. At most {max} points in total.", "Ansökningarna bedöms efter {n} kriterier i prioritetsordning. Varje kriterium ger poäng som multipliceras med kriteriets vikt; ju högre prioritet, desto större vikt. Högst {max} poäng totalt.";
    CriteriaIntroOwnWeights => "Ansøgningerne vurderes efter {n} kriterier i prioriteret rækkefølge. Hvert kriterium giver point, som ganges med kriteriets vægt. Højst {max} point i alt.", "Applications are assessed against {n} criteria in order of priority. Each criterion gives points, multiplied by its weight. At most {max} points in total.", "Ansökningarna bedöms efter {n} kriterier i prioritetsordning. Varje kriterium ger poäng som multipliceras med kriteriets vikt. Högst {max} poäng totalt.";
    CriterionWeight => "{n}. {title}: vægt {weight}, højst {max} point.", "{n}. {title}: weight {weight}, at most {max} points.", "{n}. {title}: vikt {weight}, högst {max} poäng.";
    WeightWhy => "Vægten: {why}", "The weight: {why}", "Vikten: {why}";
    DecisiveFacts => "Afgørende forhold", "Decisive facts", "Avgörande omständigheter";
    FactsIntro => "Ansøgningen er vurderet sådan:", "The application was assessed as follows:", "Ansökan har bedömts så här:";
    GateMet => "{title}: opfyldt. {reason}", "{title}: met. {reason}", "{title}: uppfyllt. {reason}";
    GateNotMet => "{title}: ikke opfyldt. {reason}", "{title}: not met. {reason}", "{title}: inte uppfyllt. {reason}";
    CriterionFact => "{title}: {points} af {max} point. {reasons}", "{title}: {points} of {max} points. {reasons}", "{title}: {points} av {max} poäng. {reasons}";
    TotalFact => "I alt {total} af {max} vægtede point.", "In total {total} of {max} weighted points.", "Totalt {total} av {max} viktade poäng.";
    IneligibleOne => "Ansøgningen opfylder ikke adgangskravet {gates} og kan derfor ikke få tilskud, uanset hvordan den ellers er vurderet.", "The application does not meet the eligibility requirement {gates} and so cannot be granted, whatever its other assessment.", "Ansökan uppfyller inte behörighetskravet {gates} och kan därför inte beviljas bidrag, oavsett hur den i övrigt bedömts.";
    IneligibleMany => "Ansøgningen opfylder ikke {count} af adgangskravene og kan derfor ikke få tilskud, uanset hvordan den ellers er vurderet: {gates}.", "The application does not meet {count} of the eligibility requirements and so cannot be granted, whatever its other assessment: {gates}.", "Ansökan uppfyller inte {count} av behörighetskraven och kan därför inte beviljas bidrag, oavsett hur den i övrigt bedömts: {gates}.";
    PointsNotUsed => "Pointene er derfor ikke brugt i afgørelsen; de står i bilaget til orientering.", "The points were therefore not used in the decision; they are in the appendix for information.", "Poängen har därför inte använts i beslutet; de står i bilagan för kännedom.";
    BelowMinimumWhy => "Ansøgningen fik {points} point på »{title}«, hvor der kræves mindst {min}.", "The application got {points} points on »{title}«, where at least {min} are required.", "Ansökan fick {points} poäng på »{title}«, där minst {min} krävs.";
    BelowThresholdWhy => "Ansøgningen fik {total} point i alt, hvor der kræves mindst {min}.", "The application got {total} points in total, where at least {min} are required.", "Ansökan fick totalt {total} poäng, där minst {min} krävs.";
    FundingLine => "Støttelinjen", "The funding line", "Stödgränsen";
    LineGrants => "Tilsagn i runden: {count}, i alt {granted} af rundens {budget}; der er {left} tilbage. Den laveste samlede pointsum blandt de støttede ansøgninger er {line} point. Denne ansøgning fik {total} point.", "Grants in the round: {count}, {granted} in all of the round's {budget}; {left} is left. The lowest total among the granted applications is {line} points. This application got {total} points.", "Beviljanden i omgången: {count}, totalt {granted} av omgångens {budget}; {left} återstår. Den lägsta poängsumman bland de beviljade ansökningarna är {line} poäng. Denna ansökan fick {total} poäng.";
    LineNoGrants => "I runden er der ikke givet tilsagn til nogen ansøgning; rundens midler er {budget}.", "No application was granted in the round; the round's funds are {budget}.", "Ingen ansökan har beviljats i omgången; omgångens medel är {budget}.";
    MostCost => "Flest point mistede ansøgningen på »{title}«, hvor den fik {weighted} af {max} mulige vægtede point.", "The application lost most points on »{title}«, where it got {weighted} of {max} possible weighted points.", "Flest poäng förlorade ansökan på »{title}«, där den fick {weighted} av {max} möjliga viktade poäng.";
    LineNoRankedGrants => "Tilsagn i runden: {count}, i alt {granted} af rundens {budget}; der er {left} tilbage. Intet tilsagn er givet efter rangordningen.", "Grants in the round: {count}, {granted} in all of the round's {budget}; {left} is left. No grant was made in the order of the ranking.", "Beviljanden i omgången: {count}, totalt {granted} av omgångens {budget}; {left} återstår. Inget beviljande har gjorts enligt rangordningen.";
    LineOutside => "{count} af tilsagnene er givet uden for rangordningen, til ansøgninger, der ikke opfyldte adgangskravene eller minimumskravene; den laveste pointsum ovenfor gælder de øvrige.", "{count} of the grants were made outside the ranking, to applications that did not meet the eligibility or minimum requirements; the lowest total above is that of the others.", "{count} av beviljandena har gjorts utanför rangordningen, till ansökningar som inte uppfyllde behörighetskraven eller minimikraven; den lägsta poängsumman ovan gäller de övriga.";
    WouldChangeBoth => "Med mere end {points} point mere (over {line} point i alt), eller et ansøgt beløb på højst {left}, var ansøgningen efter rangordningen blevet støttet.", "With more than {points} points more (over {line} points in total), or a requested amount of at most {left}, the application would have been funded in the ranking.", "Med mer än {points} poäng till (över {line} poäng totalt), eller ett sökt belopp på högst {left}, hade ansökan enligt rangordningen beviljats.";
    WouldChangePoints => "Med mere end {points} point mere (over {line} point i alt) var ansøgningen efter rangordningen blevet støttet.", "With more than {points} points more (over {line} points in total), the application would have been funded in the ranking.", "Med mer än {points} poäng till (över {line} poäng totalt) hade ansökan enligt rangordningen beviljats.";
    WouldChangeTieBoth => "Ansøgningen har samme samlede pointsum ({line} point) som en støttet ansøgning, men er placeret efter den, fordi lige pointsummer afgøres af pointene på kriterierne i prioriteret rækkefølge. Med flere point i alt, eller et ansøgt beløb på højst {left}, var ansøgningen efter rangordningen blevet støttet.", "The application has the same total ({line} points) as a granted application, but is placed after it, since equal totals are decided by the points on the criteria in order of priority. With more points in total, or a requested amount of at most {left}, the application would have been funded in the ranking.", "Ansökan har samma poängsumma ({line} poäng) som en beviljad ansökan men är placerad efter den, eftersom lika poängsummor avgörs av poängen på kriterierna i prioritetsordning. Med fler poäng totalt, eller ett sökt belopp på högst {left}, hade ansökan enligt rangordningen beviljats.";
    WouldChangeTiePoints => "Ansøgningen har samme samlede pointsum ({line} point) som en støttet ansøgning, men er placeret efter den, fordi lige pointsummer afgøres af pointene på kriterierne i prioriteret rækkefølge. Med flere point i alt var ansøgningen efter rangordningen blevet støttet.", "The application has the same total ({line} points) as a granted application, but is placed after it, since equal totals are decided by the points on the criteria in order of priority. With more points in total, the application would have been funded in the ranking.", "Ansökan har samma poängsumma ({line} poäng) som en beviljad ansökan men är placerad efter den, eftersom lika poängsummor avgörs av poängen på kriterierna i prioritetsordning. Med fler poäng totalt hade ansökan enligt rangordningen beviljats.";
    WouldChangeAmount => "Med et ansøgt beløb på højst {left} var ansøgningen efter rangordningen blevet støttet; der var {left} tilbage, da rangordningen nåede ansøgningen.", "With a requested amount of at most {left}, the application would have been funded in the ranking: {left} was left when the ranking reached it.", "Med ett sökt belopp på högst {left} hade ansökan enligt rangordningen beviljats; {left} återstod när rangordningen nådde ansökan.";
    WouldChangeNothing => "Hverken flere point eller et mindre beløb inden for det mulige kunne have ændret udfaldet: der var intet tilbage, da rangordningen nåede ansøgningen, og ingen pointsum, regelsættet kan give, ville frigøre det ansøgte beløb.", "Neither more points nor a smaller amount could have changed the outcome: nothing was left when the ranking reached the application, and no total the rule pack can give would free the amount requested.", "Varken fler poäng eller ett mindre belopp hade kunnat ändra utfallet: inget återstod när rangordningen nådde ansökan, och ingen poängsumma som regelpaketet kan ge skulle frigöra det sökta beloppet.";
    RefusedThoughItFitted => "Da rangordningen nåede ansøgningen, var der {left} tilbage efter de øvrige tilsagn, hvilket rækker til det ansøgte beløb; afslaget følger altså ikke af rangordningen.", "When the ranking reached the application, {left} was left after the other grants, which covers the amount requested; so the refusal does not follow from the ranking.", "När rangordningen nådde ansökan återstod {left} efter de övriga beviljandena, vilket räcker till det sökta beloppet; avslaget följer alltså inte av rangordningen.";
    BestPackage => "Den bedste pakke inden for puljen", "The best package within the budget", "Det bästa paketet inom budgeten";
    PackageGrants => "Efter regelsættets finansieringsregel indstilles den bedste pakke til tilsagn: de ansøgninger, der tilsammen giver flest point inden for rundens {budget} og opfylder de af regelsættets mål for porteføljen, der kan nås. Tilsagn i runden: {count}, i alt {granted}; der er {left} tilbage.", "Under the rule pack's funding rule, the best package is recommended for grants: the applications that together have the most points within the round's {budget} and meet those of the rule pack's portfolio goals that can be reached. Grants in the round: {count}, {granted} in all; {left} is left.", "Enligt regelpaketets finansieringsregel föreslås det bästa paketet för beviljande: de ansökningar som tillsammans ger flest poäng inom omgångens {budget} och uppfyller de av regelpaketets mål för portföljen som kan nås. Beviljanden i omgången: {count}, totalt {granted}; {left} återstår.";
    InPackageRefused => "Ansøgningen søger {requested} og fik {total} point. Den indgår i pakken og var indstillet til tilsagn; netværksgruppen har besluttet at give afslag med den begrundelse, der står i afgørelsen.", "The application requests {requested} and got {total} points. It is part of the package and was recommended for a grant; the network group decided to refuse it, for the reason given in the decision.", "Ansökan söker {requested} och fick {total} poäng. Den ingår i paketet och föreslogs för beviljande; nätverksgruppen har beslutat att avslå den, med den motivering som står i beslutet.";
    NotInPackage => "Ansøgningen søger {requested} og fik {total} point. Den indgår ikke i pakken: ingen kombination med den, der kan rummes i puljen og opfylder målene for porteføljen, giver flere point i alt end pakken. Derfor er der givet afslag, også selv om ansøgninger med færre point kan have fået tilsagn.", "The application requests {requested} and got {total} points. It is not part of the package: no combination with it that fits the budget and meets the portfolio goals has more points in all than the package. That is why it is refused, even though applications with fewer points may have been granted.", "Ansökan söker {requested} och fick {total} poäng. Den ingår inte i paketet: ingen kombination med den som ryms i budgeten och uppfyller målen för portföljen ger fler poäng totalt än paketet. Därför har ansökan avslagits, även om ansökningar med färre poäng kan ha beviljats.";
    Reviewers => "Bedømmere og inhabilitet", "Reviewers and conflicts of interest", "Bedömare och jäv";
    AssessedBy => "Ansøgningen er bedømt af {reviewers}.", "The application was assessed by {reviewers}.", "Ansökan har bedömts av {reviewers}.";
    ReviewedCriterion => "»{title}« er bedømt af {count} på en skala fra {min} til {max}. {reasons}", "»{title}« was scored by {count} on a scale from {min} to {max}. {reasons}", "»{title}« har bedömts av {count} på en skala från {min} till {max}. {reasons}";
    OneReviewer => "én bedømmer", "one reviewer", "en bedömare";
    ManyReviewers => "{n} bedømmere", "{n} reviewers", "{n} bedömare";
    ReviewsDisagree => "Bedømmernes point ligger {spread} point fra hinanden, og regelsættet regner {limit} point eller mere som uenighed; ansøgningen var derfor markeret til drøftelse.", "The reviewers' scores are {spread} points apart, and the rule pack counts {limit} points or more as disagreement; the application was therefore marked for discussion.", "Bedömarnas poäng ligger {spread} poäng från varandra, och regelpaketet räknar {limit} poäng eller mer som oenighet; ansökan markerades därför för diskussion.";
    CalibratedNote => "Bedømmernes point er kalibreret, som regelsættet foreskriver: hver bedømmers gennemsnitlige afvigelse fra panelets gennemsnit på de ansøgninger, bedømmeren har bedømt sammen med andre, er trukket fra bedømmerens point. Afvigelserne er beregnet ud fra alle rundens bedømmelser.", "The reviewers' scores are calibrated, as the rule pack requires: each reviewer's mean difference from the panel's mean on the applications they reviewed with others was taken off their scores. The differences were computed from all the round's reviews.", "Bedömarnas poäng har kalibrerats så som regelpaketet föreskriver: varje bedömares genomsnittliga avvikelse från panelens medelvärde på de ansökningar bedömaren har bedömt tillsammans med andra har dragits från bedömarens poäng. Avvikelserna har beräknats utifrån alla omgångens bedömningar.";
    StoodAsideIntro => "Disse medlemmer har ikke bedømt ansøgningen, fordi de er inhabile:", "These members did not assess the application, because of a conflict of interest:", "Dessa ledamöter har inte bedömt ansökan, eftersom de är jäviga:";
    StoodAsideAndAbstainedIntro => "Disse medlemmer har hverken bedømt ansøgningen eller deltaget i afgørelsen, fordi de er inhabile:", "These members neither assessed the application nor took part in the decision, because of a conflict of interest:", "Dessa ledamöter har varken bedömt ansökan eller deltagit i beslutet, eftersom de är jäviga:";
    SetAsideIntro => "Disse medlemmer har bedømt ansøgningen, men deres bedømmelse er ikke talt med, fordi de er inhabile:", "These members scored the application, but their scores were not counted, because of a conflict of interest:", "Dessa ledamöter har bedömt ansökan, men deras bedömning har inte räknats med, eftersom de är jäviga:";
    SetAsideAndAbstainedIntro => "Disse medlemmer har bedømt ansøgningen, men deres bedømmelse er ikke talt med, og de har ikke deltaget i afgørelsen, fordi de er inhabile:", "These members scored the application, but their scores were not counted, and they took no part in the decision, because of a conflict of interest:", "Dessa ledamöter har bedömt ansökan, men deras bedömning har inte räknats med, och de har inte deltagit i beslutet, eftersom de är jäviga:";
    Abstained => "{members} deltog ikke i afgørelsen på grund af inhabilitet.", "{members} took no part in the decision because of a conflict of interest.", "{members} deltog inte i beslutet på grund av jäv.";
    TraceReviews => "Bedømmelsernes fingeraftryk: {fingerprint}", "Reviews fingerprint: {fingerprint}", "Bedömningarnas fingeravtryck: {fingerprint}";
    TraceCalibration => "Kalibreret ud fra alle rundens bedømmelser, fingeraftryk {fingerprint}", "Calibrated from all the round's reviews, fingerprint {fingerprint}", "Kalibrerat utifrån alla omgångens bedömningar, fingeravtryck {fingerprint}";
    Departure => "Afvigelse fra indstillingen", "Departure from the recommendation", "Avvikelse från förslaget";
    DepartureWhy => "Afgørelsen afviger fra indstillingen ({recommendation}) med denne begrundelse:", "The decision departs from the recommendation ({recommendation}) for this reason:", "Beslutet avviker från förslaget ({recommendation}) med denna motivering:";
    Conditions => "Vilkår for tilskuddet", "Conditions of the grant", "Villkor för bidraget";
    Complaints => "Klagevejledning", "How to complain", "Hur man överklagar";
    Scoring => "Pointtabel", "Scoring table", "Poängtabell";
    ScoringIntro => "Point pr. kriterium i prioriteret rækkefølge; vægtede point er point gange vægt.", "Points per criterion in order of priority; weighted points are points times weight.", "Poäng per kriterium i prioritetsordning; viktade poäng är poäng gånger vikt.";
    ColumnNumber => "Nr.", "No.", "Nr";
    ColumnCriterion => "Kriterium", "Criterion", "Kriterium";
    ColumnPoints => "Point", "Points", "Poäng";
    ColumnWeight => "Vægt", "Weight", "Vikt";
    ColumnWeighted => "Vægtede point", "Weighted points", "Viktade poäng";
    TotalRow => "I alt", "Total", "Totalt";
    Trace => "Sporbarhed", "Traceability", "Spårbarhet";
    TraceIntro => "Vurderingen kan gentages nøjagtigt med disse oplysninger (kriterium register verify).", "The assessment can be repeated exactly with these details (kriterium register verify).", "Bedömningen kan upprepas exakt med dessa uppgifter (kriterium register verify).";
    TracePack => "Regelsæt: {id} {version}, fingeraftryk {fingerprint}", "Rule pack: {id} {version}, fingerprint {fingerprint}", "Regelpaket: {id} {version}, fingeravtryck {fingerprint}";
    TraceInput => "Ansøgningens fingeraftryk: {fingerprint}", "Application fingerprint: {fingerprint}", "Ansökans fingeravtryck: {fingerprint}";
    TraceEngine => "kriterium {version}, runde {round}", "kriterium {version}, round {round}", "kriterium {version}, omgång {round}";
    }
}

/// The months as a date in running text names them.
const MONTHS: [[&str; 12]; 3] = [
    [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// A date as a letter writes it in `lang`: `14. marts 2025`, `14 March 2025`, `14 mars 2025`.
/// `None` when `(month, day)` is not a date's.
pub fn date_text(year: i32, month: u8, day: u8, lang: &str) -> Option<String> {
    let name = MONTHS[match lang {
        "da" => 0,
        "sv" => 2,
        _ => 1,
    }]
    .get(usize::from(month).checked_sub(1)?)?;
    if day == 0 || day > 31 {
        return None;
    }
    Some(match lang {
        "da" => format!("{day}. {name} {year}"),
        _ => format!("{day} {name} {year}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_the_same_placeholders_in_every_language() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn no_language_is_a_copy_of_another() {
        // Words spelled alike in two languages (a name, a heading) are allowed; a whole
        // sentence alike is a column copied by mistake.
        for (a, b) in [("da", "en"), ("da", "sv"), ("en", "sv")] {
            let copied: Vec<_> = Words::alike(a, b)
                .into_iter()
                .filter(|w| w.text(a).split(' ').count() > 3)
                .collect();
            assert!(copied.is_empty(), "{a}/{b}: {copied:?}");
        }
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        assert_eq!(
            date_text(2025, 3, 14, "da").as_deref(),
            Some("14. marts 2025")
        );
        assert_eq!(
            date_text(2025, 3, 14, "en").as_deref(),
            Some("14 March 2025")
        );
        assert_eq!(
            date_text(2025, 10, 1, "sv").as_deref(),
            Some("1 oktober 2025")
        );
        assert_eq!(date_text(2025, 13, 1, "da"), None);
        assert_eq!(date_text(2025, 0, 1, "da"), None);
    }
}
