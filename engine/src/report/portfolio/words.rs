//! The fixed words of the portfolio page, the overview's portfolio section and `round show`'s
//! portfolio lines, in Danish, English and Swedish. Goal titles, quotations and readings come
//! from the pack; the funding rule's sentence is the reports' and letters' own
//! ([`crate::labels::Sentence::funding_rule`]).

crate::translation_table! {
    /// A fixed word or sentence about the portfolio: the goals, the line and the best package.
    Words {
    Title => "Porteføljemål og finansieringsregel", "Portfolio goals and funding rule", "Portföljmål och finansieringsregel";
    FundingRule => "Finansieringsregel", "Funding rule", "Finansieringsregel";
    Period => "Tilsagn fra runderne i {first}–{last} tæller med.", "Grants of the rounds of {first}–{last} count.", "Beviljanden från omgångarna {first}–{last} räknas med.";
    NoPeriod => "Regelsættet angiver ingen periode: kun denne rundes indstilling tæller med.", "The rule pack sets no period: only this round's proposal counts.", "Regelpaketet anger ingen period: endast denna omgångs förslag räknas med.";
    Deadline => "Målene skal være opfyldt senest {date}.", "The goals are to be met by {date}.", "Målen ska vara uppfyllda senast {date}.";
    Earlier => "Tidligere tilsagn i perioden", "Earlier grants in the period", "Tidigare beviljanden under perioden";
    EarlierNone => "Ingen tilsagn fra tidligere runder tæller med.", "No grants of earlier rounds count.", "Inga beviljanden från tidigare omgångar räknas med.";
    Application => "Ansøgning", "Application", "Ansökan";
    Round => "Runde", "Round", "Omgång";
    Granted => "Bevilget", "Granted", "Beviljat";
    Goals => "Mål for porteføljen", "Portfolio goals", "Mål för portföljen";
    Goal => "Mål", "Goal", "Mål";
    Before => "Før runden", "Before the round", "Före omgången";
    UnderLine => "Efter rangordningen", "Under the ranking", "Enligt rangordningen";
    UnderPackage => "Med den bedste pakke", "Under the best package", "Med det bästa paketet";
    NoGoals => "Regelsættet har ingen mål for porteføljen.", "The rule pack has no portfolio goals.", "Regelpaketet har inga mål för portföljen.";
    StatusMet => "✓ opfyldt ({have} af {need})", "✓ met ({have} of {need})", "✓ uppfyllt ({have} av {need})";
    StatusNotMet => "ikke opfyldt ({have} af {need})", "not met ({have} of {need})", "inte uppfyllt ({have} av {need})";
    StatusMissing => "ikke opfyldt ({have} af {need}); mangler {values}", "not met ({have} of {need}); missing {values}", "inte uppfyllt ({have} av {need}); saknas {values}";
    NotComputed => "–", "–", "–";
    WouldMeet => "Ansøgninger uden tilsagn, der ville bidrage til et mål, rangordningen ikke opfylder", "Unfunded applications that would count towards a goal the ranking leaves unmet", "Ansökningar utan beviljande som skulle bidra till ett mål som rangordningen inte uppfyller";
    WouldMeetGoal => "{goal}: {applications}", "{goal}: {applications}", "{goal}: {applications}";
    WouldMeetNone => "Ingen: rangordningen opfylder alle mål, eller ingen placeret ansøgning uden tilsagn bidrager til de mål, den ikke opfylder.", "None: the ranking meets every goal, or no ranked application without a grant counts towards the goals it leaves unmet.", "Inga: rangordningen uppfyller alla mål, eller ingen placerad ansökan utan beviljande bidrar till de mål som den inte uppfyller.";
    Line => "Efter rangordningen støttes {applications}: {points} point i alt, og {used} af puljen på {budget} er bevilget.", "Under the ranking, {applications} are funded: {points} points in all, and {used} of the budget of {budget} is granted.", "Enligt rangordningen beviljas {applications}: {points} poäng totalt, och {used} av budgeten på {budget} är beviljat.";
    LineNone => "Efter rangordningen støttes ingen ansøgning, og intet af puljen på {budget} er bevilget.", "Under the ranking, no application is funded, and nothing of the budget of {budget} is granted.", "Enligt rangordningen beviljas ingen ansökan, och inget av budgeten på {budget} är beviljat.";
    Package => "Den bedste pakke inden for puljen", "The best package within the budget", "Det bästa paketet inom budgeten";
    PackageIntro => "Den bedste pakke er de ansøgninger, der tilsammen giver flest point inden for puljen og opfylder de mål, der ikke allerede er opfyldt. Ved lige mange point vælges den, der bruger færrest penge.", "The best package is the set of applications that together has the most points within the budget and meets the goals not already met. Between equal points, the one that uses the least money is chosen.", "Det bästa paketet är de ansökningar som tillsammans ger flest poäng inom budgeten och uppfyller de mål som inte redan är uppfyllda. Vid lika många poäng väljs det som använder minst pengar.";
    PackageIsTheRule => "Regelsættets finansieringsregel er den bedste pakke: det er pakken, der indstilles. Rangordningen står ved siden af til sammenligning.", "The rule pack's funding rule is the best package: the package is what is proposed. The ranking stands beside it for comparison.", "Regelpaketets finansieringsregel är det bästa paketet: det är paketet som föreslås. Rangordningen står bredvid som jämförelse.";
    PackageFunds => "Pakken støtter {applications}, i alt {points} point.", "The package funds {applications}, {points} points in all.", "Paketet beviljar {applications}, totalt {points} poäng.";
    PackageNone => "Pakken støtter ingen ansøgning.", "The package funds no application.", "Paketet beviljar ingen ansökan.";
    PackageSame => "Pakken støtter de samme ansøgninger som rangordningen.", "The package funds the same applications as the ranking.", "Paketet beviljar samma ansökningar som rangordningen.";
    PackageAdds => "Støttes i pakken, men ikke efter rangordningen: {applications}.", "Funded in the package but not under the ranking: {applications}.", "Beviljas i paketet men inte enligt rangordningen: {applications}.";
    PackageRemoves => "Støttes efter rangordningen, men ikke i pakken: {applications}.", "Funded under the ranking but not in the package: {applications}.", "Beviljas enligt rangordningen men inte i paketet: {applications}.";
    PackageCosts => "Pakken har {cost} point færre end rangordningen: {package} mod {line} point.", "The package has {cost} points fewer than the ranking: {package} against {line} points.", "Paketet har {cost} poäng färre än rangordningen: {package} mot {line} poäng.";
    PackageGains => "Pakken har {gain} point flere end rangordningen: {package} mod {line} point.", "The package has {gain} points more than the ranking: {package} against {line} points.", "Paketet har {gain} poäng fler än rangordningen: {package} mot {line} poäng.";
    PackageEqual => "Pakken har lige så mange point som rangordningen: {points} point.", "The package has as many points as the ranking: {points} points.", "Paketet har lika många poäng som rangordningen: {points} poäng.";
    PackageMoney => "Pakken bevilger {used} af puljen på {budget}, mod {line} efter rangordningen.", "The package grants {used} of the budget of {budget}, against {line} under the ranking.", "Paketet beviljar {used} av budgeten på {budget}, mot {line} enligt rangordningen.";
    PackageBuys => "Pakken opfylder mål, som rangordningen ikke opfylder: {goals}.", "The package meets goals the ranking leaves unmet: {goals}.", "Paketet uppfyller mål som rangordningen inte uppfyller: {goals}.";
    StoppedWithout => "Beregningen stoppede ved arbejdsgrænsen, før den fandt en pakke, der opfylder målene (det betyder ikke, at ingen findes); ingen pakke kan have mere end {bound} point.", "The computation stopped at the work limit before it found a package meeting the goals (which does not mean there is none); no package can have more than {bound} points.", "Beräkningen stannade vid arbetsgränsen innan den hittade ett paket som uppfyller målen (det betyder inte att inget finns); inget paket kan ha mer än {bound} poäng.";
    LeftOut => "Pakken opfylder de mål, der kan nås; disse mål kan ingen pakke inden for puljen nå:", "The package meets the goals that can be reached; no package within the budget can reach these:", "Paketet uppfyller de mål som kan nås; dessa mål kan inget paket inom budgeten nå:";
    GoalsCost => "Uden porteføljemålene ville den bedste pakke have {free} point: målene koster {cost} point.", "Without the portfolio goals the best package would have {free} points: the goals cost {cost} points.", "Utan portföljmålen skulle det bästa paketet ha {free} poäng: målen kostar {cost} poäng.";
    GoalsFree => "Målene koster ingen point: uden dem ville den bedste pakke også have {points} point.", "The goals cost no points: without them the best package would also have {points} points.", "Målen kostar inga poäng: utan dem skulle det bästa paketet också ha {points} poäng.";
    WorkLimit => "Beregningen stoppede ved arbejdsgrænsen: pakken er den bedste, der blev fundet, og ingen pakke kan have mere end {bound} point.", "The computation stopped at the work limit: this is the best package found, and no package can have more than {bound} points.", "Beräkningen stannade vid arbetsgränsen: paketet är det bästa som hittades, och inget paket kan ha mer än {bound} poäng.";
    Infeasible => "Ingen pakke inden for puljen opfylder målene:", "No package within the budget meets the goals:", "Inget paket inom budgeten uppfyller målen:";
    NoCandidateCover => "{goal}: ingen af rundens placerede ansøgninger nævner {values}.", "{goal}: none of the round's ranked applications names {values}.", "{goal}: ingen av omgångens placerade ansökningar nämner {values}.";
    NoCandidateCount => "{goal}: der mangler {needed}, og kun {available} af rundens placerede ansøgninger tæller med.", "{goal}: {needed} more are needed, and only {available} of the round's ranked applications count.", "{goal}: det behövs {needed} till, och endast {available} av omgångens placerade ansökningar räknas med.";
    TooExpensive => "{goal}: de billigste ansøgninger, der sammen opfylder målet, søger {cheapest}; puljen på {budget} rækker ikke hertil.", "{goal}: the cheapest applications that together meet the goal request {cheapest}; the budget of {budget} does not reach that far.", "{goal}: de billigaste ansökningarna som tillsammans uppfyller målet söker {cheapest}; budgeten på {budget} räcker inte till.";
    Together => "{goals}: hvert mål kan nås alene, men de billigste ansøgninger, der sammen opfylder dem alle, søger {cheapest}; puljen på {budget} rækker ikke hertil.", "{goals}: each goal can be met alone, but the cheapest applications that together meet all of them request {cheapest}; the budget of {budget} does not reach that far.", "{goals}: varje mål kan nås ensamt, men de billigaste ansökningarna som tillsammans uppfyller alla söker {cheapest}; budgeten på {budget} räcker inte till.";
    Quoted => "»{text}«", "“{text}”", "”{text}”";
    Named => "{id} »{title}«", "{id} “{title}”", "{id} ”{title}”";
    WithAmount => "{application} ({amount})", "{application} ({amount})", "{application} ({amount})";
    MoreInPage => "Hele opgørelsen", "The full account", "Hela redovisningen";
    Pack => "Regelsæt", "Rule pack", "Regelpaket";
    }
}
