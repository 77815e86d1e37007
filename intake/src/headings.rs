//! The template form's column headings, in Danish, English and Swedish: short words a form
//! shows, by field. A field not here (added to the schema later) is headed by its schema
//! description and path; a test lists the fields the table lacks.

kriterium_engine::translation_table! {
    /// A column heading of the template form; `{n}` is the element's number in a list.
    Heading {
        Id => "Ansøgnings-id", "Application id", "Ansöknings-id";
        Title => "Projektets titel", "Title of the initiative", "Projektets titel";
        Summary => "Kort beskrivelse", "Short description", "Kort beskrivning";
        ApplicantName => "Kontaktperson", "Contact person", "Kontaktperson";
        ApplicantEmail => "Kontaktpersonens e-mail", "Contact person's e-mail", "Kontaktpersonens e-post";
        ApplicantRole => "Kontaktpersonens stilling", "Contact person's role", "Kontaktpersonens roll";
        OrganisationName => "Ansøgende organisation", "Applying organisation", "Sökande organisation";
        OrganisationKind => "Organisationstype", "Kind of organisation", "Organisationstyp";
        OrganisationMunicipality => "Organisationens kommune", "Organisation's municipality", "Organisationens kommun";
        OrganisationCvr => "CVR-nr.", "CVR number", "CVR-nummer";
        Municipalities => "Deltagende kommuner", "Municipalities taking part", "Deltagande kommuner";
        Domains => "Område", "Field", "Område";
        Start => "Startdato", "Start date", "Startdatum";
        End => "Slutdato", "End date", "Slutdatum";
        Requested => "Ansøgt beløb", "Amount requested", "Sökt belopp";
        Total => "Samlet budget", "Total cost", "Total kostnad";
        OwnResources => "Egen indsats (kr.)", "Own resources", "Egen insats (kr)";
        CoFundingSource => "Anden finansiering {n}: kilde", "Co-funding {n}: source", "Annan finansiering {n}: källa";
        CoFundingAmount => "Anden finansiering {n}: beløb", "Co-funding {n}: amount", "Annan finansiering {n}: belopp";
        CoFundingSecured => "Anden finansiering {n}: bevilget", "Co-funding {n}: granted", "Annan finansiering {n}: beviljad";
        Plan => "Plan for drift efter tilskuddet", "Plan for operation after the grant", "Plan för drift efter bidraget";
        Likelihood => "Sandsynlighed for fortsat drift", "Likelihood of continued operation", "Sannolikhet för fortsatt drift";
        Operator => "Driftsansvarlig", "Operator afterwards", "Driftsansvarig";
        OperatingFrom => "Drift uden tilskuddet fra", "Operation without the grant from", "Drift utan bidraget från";
        AnnualCost => "Årlig driftsudgift", "Annual cost of operation", "Årlig driftskostnad";
        FundingSource => "Driftsfinansiering {n}: kilde", "Operating funding {n}: source", "Driftsfinansiering {n}: källa";
        FundingAmount => "Driftsfinansiering {n}: beløb", "Operating funding {n}: amount", "Driftsfinansiering {n}: belopp";
        FundingSecured => "Driftsfinansiering {n}: bevilget", "Operating funding {n}: granted", "Driftsfinansiering {n}: beviljad";
        PartnerName => "Partner {n}: navn", "Partner {n}: name", "Partner {n}: namn";
        PartnerKind => "Partner {n}: type", "Partner {n}: kind", "Partner {n}: typ";
        PartnerMunicipality => "Partner {n}: kommune", "Partner {n}: municipality", "Partner {n}: kommun";
        PartnerNew => "Partner {n}: nyt samarbejde", "Partner {n}: new collaboration", "Partner {n}: nytt samarbete";
        PartnerRole => "Partner {n}: rolle", "Partner {n}: role", "Partner {n}: roll";
        EventTitle => "Event {n}: titel", "Event {n}: title", "Evenemang {n}: titel";
        EventKind => "Event {n}: type", "Event {n}: kind", "Evenemang {n}: typ";
        EventMunicipality => "Event {n}: kommune", "Event {n}: municipality", "Evenemang {n}: kommun";
        EventDate => "Event {n}: dato", "Event {n}: date", "Evenemang {n}: datum";
        EventParticipants => "Event {n}: deltagere", "Event {n}: participants", "Evenemang {n}: deltagare";
        EventMunicipalities => "Event {n}: deltagernes kommuner", "Event {n}: participants' municipalities", "Evenemang {n}: deltagarnas kommuner";
        ResourceName => "Delt ressource {n}: navn", "Shared resource {n}: name", "Delad resurs {n}: namn";
        ResourceKind => "Delt ressource {n}: type", "Shared resource {n}: kind", "Delad resurs {n}: typ";
        ResourceOwner => "Delt ressource {n}: ejerkommune", "Shared resource {n}: owner municipality", "Delad resurs {n}: ägarkommun";
        ResourceSharedWith => "Delt ressource {n}: deles med", "Shared resource {n}: shared with", "Delad resurs {n}: delas med";
        ExchangeTitle => "Udveksling af erfaringer {n}: titel", "Exchange activity {n}: title", "Utbyte av erfarenheter {n}: titel";
        ExchangeKind => "Udveksling af erfaringer {n}: type", "Exchange activity {n}: kind", "Utbyte av erfarenheter {n}: typ";
        ExchangeMunicipalities => "Udveksling af erfaringer {n}: kommuner", "Exchange activity {n}: municipalities", "Utbyte av erfarenheter {n}: kommuner";
        ExchangeOccurrences => "Udveksling af erfaringer {n}: antal gange", "Exchange activity {n}: occurrences", "Utbyte av erfarenheter {n}: antal gånger";
        Brands => "Mærker i kommunikationen", "Brands carried", "Varumärken i kommunikationen";
        TargetGroup => "Målgruppe", "Target group", "Målgrupp";
        AgeMin => "Alder fra", "Age from", "Ålder från";
        AgeMax => "Alder til", "Age to", "Ålder till";
        Talent => "Talentindsats", "For talents", "Talangsatsning";
        FocusGroups => "Særlige målgrupper", "Focus groups", "Särskilda målgrupper";
        ExpectedParticipants => "Forventet antal deltagere", "Expected participants", "Förväntat antal deltagare";
        GoalDescription => "Mål {n}", "Goal {n}", "Mål {n}";
        GoalIndicator => "Mål {n}: måles ved", "Goal {n}: measured by", "Mål {n}: mäts genom";
        Reach => "Rækkevidde", "Reach", "Räckvidd";
    }
}

/// The heading of the field `pattern`: its pointer with a list element's position written `#`
/// (`/partners/#/name`).
pub fn of(pattern: &str) -> Option<Heading> {
    use Heading::*;
    Some(match pattern {
        "/id" => Id,
        "/title" => Title,
        "/summary" => Summary,
        "/applicant/name" => ApplicantName,
        "/applicant/email" => ApplicantEmail,
        "/applicant/role" => ApplicantRole,
        "/organisation/name" => OrganisationName,
        "/organisation/kind" => OrganisationKind,
        "/organisation/municipality" => OrganisationMunicipality,
        "/organisation/cvr" => OrganisationCvr,
        "/municipalities" => Municipalities,
        "/domains" => Domains,
        "/period/start" => Start,
        "/period/end" => End,
        "/budget/requested" => Requested,
        "/budget/total" => Total,
        "/budget/own_resources" => OwnResources,
        "/budget/co_funding/#/source" => CoFundingSource,
        "/budget/co_funding/#/amount" => CoFundingAmount,
        "/budget/co_funding/#/secured" => CoFundingSecured,
        "/continuation/plan" => Plan,
        "/continuation/likelihood" => Likelihood,
        "/continuation/operator" => Operator,
        "/continuation/operating_from" => OperatingFrom,
        "/continuation/annual_cost" => AnnualCost,
        "/continuation/funding/#/source" => FundingSource,
        "/continuation/funding/#/amount" => FundingAmount,
        "/continuation/funding/#/secured" => FundingSecured,
        "/partners/#/name" => PartnerName,
        "/partners/#/kind" => PartnerKind,
        "/partners/#/municipality" => PartnerMunicipality,
        "/partners/#/new_collaboration" => PartnerNew,
        "/partners/#/role" => PartnerRole,
        "/events/#/title" => EventTitle,
        "/events/#/kind" => EventKind,
        "/events/#/municipality" => EventMunicipality,
        "/events/#/date" => EventDate,
        "/events/#/participants" => EventParticipants,
        "/events/#/participant_municipalities" => EventMunicipalities,
        "/shared_resources/#/name" => ResourceName,
        "/shared_resources/#/kind" => ResourceKind,
        "/shared_resources/#/owner_municipality" => ResourceOwner,
        "/shared_resources/#/shared_with" => ResourceSharedWith,
        "/exchange_activities/#/title" => ExchangeTitle,
        "/exchange_activities/#/kind" => ExchangeKind,
        "/exchange_activities/#/municipalities" => ExchangeMunicipalities,
        "/exchange_activities/#/occurrences" => ExchangeOccurrences,
        "/brands" => Brands,
        "/target_group/description" => TargetGroup,
        "/target_group/age_min" => AgeMin,
        "/target_group/age_max" => AgeMax,
        "/target_group/talent" => Talent,
        "/target_group/focus_groups" => FocusGroups,
        "/target_group/expected_participants" => ExpectedParticipants,
        "/goals/#/description" => GoalDescription,
        "/goals/#/indicator" => GoalIndicator,
        "/reach" => Reach,
        _ => return None,
    })
}
