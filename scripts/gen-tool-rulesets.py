#!/usr/bin/env python3
"""Writes seeds/rulesets/*.ruleset.json: three public screening tools encoded as hoth rulesets.

Each tool keeps its own indicator catalogue, sections, ratings, bands and rules, paraphrased
from its published text (cited in every entry's source; no source text is quoted). What every
ruleset shares with the Tees one (the contract's safety floor R1-R3, R9-R12, R14, R15, the
action rules A1-A4, the Tees front doors, levels, questions and action texts) is copied from
seeds/tees-hoth.ruleset.json, so a tool is screened and routed the Tees way. Run it again after
changing either; `hoth rules check` must pass on each file it writes.
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tees = json.load(open(os.path.join(ROOT, "seeds/tees-hoth.ruleset.json")))
SHARED = ["concern_levels", "threshold_levels", "actions", "front_doors", "local_authorities", "questions",
          "incomplete", "unknown_area", "out_of_hours_note", "screened_by", "descriptor_reason"]
SHARED_RULES_BEFORE = ["R1", "R2", "R3"]
SHARED_RULES_AFTER = ["R9", "R10", "R11", "R12", "A1", "A2", "A3", "A4", "R15", "R14"]
rule = {r["id"]: r for r in tees["rules"]}
CSE = ["child_sexual_exploitation"]


def ruleset(id_, title, source, indicators, bands, own_rules, own_actions=(), own_action_rules=()):
    out = {"$schema": "../../schemas/ruleset.schema.json", "id": id_, "version": "2026.1", "title": title,
           "source": source, "provenance": "regional", "indicators": indicators, "bands": bands}
    for k in ["concern_levels", "threshold_levels"]:
        out[k] = tees[k]
    out["threshold_descriptors"] = []
    for k in ["actions", "front_doors", "local_authorities"]:
        out[k] = tees[k]
    # A tool's own routes (contract section 10) follow the contract's actions; the rules that
    # add them come last, after professional judgement and the shared action rules.
    out["actions"] = tees["actions"] + list(own_actions)
    out["rules"] = [rule[r] for r in SHARED_RULES_BEFORE] + own_rules + [rule[r] for r in SHARED_RULES_AFTER] + list(own_action_rules)
    # The census factors that point from harm types (not from Tees indicators): missing, CSE.
    out["cin_factors"] = [{k: v for k, v in f.items() if k != "indicators"} for f in tees["cin_factors"] if f["code"] in ("10A", "11A")]
    for k in ["questions", "incomplete", "unknown_area", "out_of_hours_note", "screened_by", "descriptor_reason"]:
        out[k] = tees[k]
    return out


def ind(id_, title, section, weight, source, category="harm", harm=CSE, hint=""):
    return {"id": id_, "title": title, "hint": hint or "Answer yes if you have seen or been told of this, or it worries you.",
            "section": section, "category": category, "weight": weight, "harm_types": harm if category == "harm" else [],
            "source": source, "provenance": "regional"}


def band(id_, lo, hi, concern, source, provenance="reconstructed"):
    t = f"Score {lo} to {hi}" if hi is not None else f"Score {lo} or more"
    if lo == 0 and hi == 0:
        t = "Score 0"
    return {"id": id_, "title": t, "min": lo, "max": hi, "concern": concern,
            "reason": "The answers marked yes add up to a score of {score}, which on its own suggests " +
                      {"no_current_indicators": "no current indicators", "low": "low concern", "moderate": "moderate concern",
                       "significant": "significant concern"}[concern] + ".",
            "source": source, "provenance": provenance}


def own(id_, title, clauses, reason, source, provenance="regional"):
    return {"id": id_, "title": title, "clauses": clauses, "reason": reason, "source": source, "provenance": provenance}


def own_action(id_, title, text, urgency, source, provenance="regional"):
    """An action the tool names that the contract's vocabulary has no id for (contract section 10)."""
    return {"id": id_, "title": title, "text": text, "urgency": urgency, "source": source, "provenance": provenance}


# 1. Domain-scored: Pan Cheshire CSE Screening Tool (2016). Items in health, behaviour and
# grooming domains, each with a suggested rating of 1 (low), 2 (medium) or 3 (high); the tool
# totals each domain. The weight of an item is its rating.
CHESHIRE = ("Pan Cheshire Child Sexual Exploitation Screening Tool (2016): indicators in health, behaviour and grooming "
            "domains, each rated 1 = low, 2 = medium, 3 = high, with a total per domain. "
            "https://docsbay.net/pan-cheshire-cse-screening-tool-2016 ; the same domains and suggested ratings in the "
            "published CSE risk assessment tool https://docsbay.net/cse-risk-assessment-tool")
cheshire_items = [
    ("unexplained_injuries", "Does the child have injuries, such as bruising, that could come from physical or sexual assault?", "health", 3),
    ("sexually_transmitted_infection", "Has the child had a sexually transmitted infection, above all more than once?", "health", 3),
    ("pregnancy_or_termination", "Is the child pregnant, or seeking or having had a termination?", "health", 3),
    ("unsafe_sexual_activity", "Has the child had sexual activity that worries you (several partners, or no protection)?", "health", 2),
    ("self_harm", "Has the child harmed themselves?", "health", 2),
    ("thoughts_of_suicide", "Has the child had thoughts of suicide, or attempted it?", "health", 2),
    ("eating_disorder", "Does the child have an eating disorder?", "health", 2),
    ("drug_or_alcohol_misuse", "Is the child misusing drugs or alcohol, or having health problems from them?", "health", 2),
    ("change_in_appearance", "Has the child's appearance changed, such as losing or putting on weight?", "health", 2),
    ("sexually_harmful_behaviour", "Has the child shown sexually harmful behaviour towards others?", "behaviour", 3),
    ("disengaged_from_education", "Is the child missing school, disengaged from education, or doing much worse there?", "behaviour", 2),
    ("volatile_mood", "Is the child's mood unusually volatile, or their language unusually abusive?", "behaviour", 2),
    ("hostile_when_asked", "Does the child become angry or hostile when anyone asks about what they are doing?", "behaviour", 2),
    ("secretive", "Is the child secretive about where they go or who they meet?", "behaviour", 2),
    ("offending", "Is the child offending or involved in anti-social behaviour?", "behaviour", 2),
    ("petty_crime", "Is the child involved in petty crime such as shoplifting?", "behaviour", 1),
    ("vehicles_with_unknown_adults", "Has the child been seen getting into or out of cars driven by adults not known to the family?", "grooming", 3),
    ("phone_calls_late_at_night", "Does the child use a phone a great deal, with calls late at night?", "grooming", 3),
    ("seen_where_exploitation_happens", "Has the child been seen in places known for sexual exploitation?", "grooming", 3),
    ("gifts_or_money", "Does the child have gifts, money or items that cannot be explained?", "grooming", 2),
    ("older_peers_or_adults", "Does the child spend time with much older young people or adults who worry you?", "grooming", 2),
    ("new_friends", "Has the child a new group of friends who worry you?", "grooming", 1),
]
cheshire = ruleset(
    "cheshire-cse-domains", "Pan Cheshire Child Sexual Exploitation Screening Tool (domain-scored), encoded for the Tees front doors",
    CHESHIRE,
    [ind(i, t, s, w, CHESHIRE) for i, t, s, w in cheshire_items],
    [band("band_none", 0, 0, "no_current_indicators", CHESHIRE + " A score of 0: no current indicators (the tool's totals start at 0).", "regional"),
     band("band_low", 1, 7, "low", "Bands over the tool's total reconstructed for this encoding: the published tool totals each domain but the excerpt we hold gives no cut-off. To be confirmed locally."),
     band("band_moderate", 8, 13, "moderate", "Reconstructed cut-off over all domains (four medium items): to be confirmed locally."),
     band("band_significant", 14, None, "significant", "Reconstructed cut-off over all domains: to be confirmed locally.")],
    [own("CH1", "Aged 13 or under with any one high-rated item: at least moderate, refer",
         [{"when": {"all": [{"age_at_most": 13}, {"any_indicator_yes": {"min_weight": 3}}]},
           "then": {"concern_at_least": "moderate", "threshold_at_least": 3, "actions": [{"id": "refer_to_front_door", "urgency": "same_day"}]}}],
         "The child is {age} and {answers} is rated high, and for a child of 13 or under one high-rated sign is enough to refer.",
         CHESHIRE + " The tool says that for a child aged 13 or younger any one high-rated factor must be seen as a possible sign of sexual exploitation."),
     own("CH2", "A domain total of 6 or more: at least moderate",
         [{"when": {"any": [{"section_score": {"section": s, "at_least": 6}} for s in ["health", "behaviour", "grooming"]]},
           "then": {"concern_at_least": "moderate"}}],
         "{answers} add up to 6 or more in one domain, so the concern is at least moderate.",
         CHESHIRE + " Domain totals are the tool's; the cut-off of 6 in one domain is reconstructed for this encoding, to be confirmed locally.",
         "reconstructed"),
     own("CH3", "A grooming domain total of 9 or more: significant",
         [{"when": {"section_score": {"section": "grooming", "at_least": 9}}, "then": {"concern_at_least": "significant"}}],
         "{answers} add up to 9 or more in the grooming domain, so the concern is significant.",
         CHESHIRE + " The cut-off is reconstructed for this encoding (three high-rated grooming items), to be confirmed locally.",
         "reconstructed")])

# 2. Count-banded: Croydon Safeguarding Children Board CSE Risk Assessment Toolkit (Sep 2016).
# The level is set by the number of indicators found at each tier: one or more low-tier
# indicators is low; one or more medium-tier indicators is medium; one or more high-tier
# indicators is high. No child under 13, and no child with a learning disability, is low.
CROYDON = ("Croydon Safeguarding Children Board, Child Sexual Exploitation Risk Assessment Toolkit (Sep 2016): risk level "
           "by the number of indicators identified at each tier (low, medium, high); no child under 13 and no child with a "
           "learning disability is categorised as low. https://paperzz.com/doc/6789419/cse-toolkit--sep-2016----croydon-safeguarding-children-board")
croydon_items = [
    ("coming_home_late_or_missing", "Does the child often come home late, or go missing?", "low_tier"),
    ("sexualised_risk_online", "Is the child being drawn into sexual contact that puts them in danger, including online?", "low_tier"),
    ("unexplained_money_or_goods", "Does the child have money or goods that cannot be accounted for?", "low_tier"),
    ("associating_with_unknown_adults", "Is the child spending time with adults not known to the family?", "low_tier"),
    ("peers_at_risk", "Is the child spending time with other young people who are being sexually exploited or at risk of it?", "low_tier"),
    ("less_contact_with_family", "Has the child less contact with family or friends than before?", "low_tier"),
    ("sexually_transmitted_infection", "Has the child had a sexually transmitted infection?", "low_tier"),
    ("drugs_or_alcohol", "Is the child using drugs or alcohol?", "low_tier"),
    ("poor_self_image", "Does the child have a poor self-image, an eating disorder or harm themselves?", "low_tier"),
    ("cars_with_unknown_adults", "Has the child been getting into cars with adults not known to the family?", "medium_tier"),
    ("known_exploiting_adults", "Is the child spending time with adults known to sexually exploit children?", "medium_tier"),
    ("groomed_online", "Is the child being groomed online?", "medium_tier"),
    ("assault_disclosed_then_withdrawn", "Has the child told of an assault and then withdrawn it?", "medium_tier"),
    ("seen_in_hot_spots", "Has the child been seen in places known for sexual exploitation?", "medium_tier"),
    ("abducted_or_held", "Has the child been abducted or held against their will?", "high_tier"),
    ("sexual_activity_for_reward", "Is the child being made to give sexual activity for money, drugs, a place to stay or other rewards?", "high_tier"),
    ("taken_to_other_towns", "Has the child been taken to towns or cities they have no links with?", "high_tier"),
    ("under_13_sexual_activity", "Is a child under 13 being sexually abused (any sexual activity with a child under 13)?", "high_tier"),
]
croydon_weight = {"low_tier": 1, "medium_tier": 1, "high_tier": 1}
croydon = ruleset(
    "croydon-cse-count", "Croydon Child Sexual Exploitation Risk Assessment Toolkit (count-banded), encoded for the Tees front doors",
    CROYDON,
    [ind(i, t, s, croydon_weight[s], CROYDON) for i, t, s in croydon_items],
    [band("band_none", 0, 0, "no_current_indicators", CROYDON + " No indicator identified.", "regional"),
     band("band_low", 1, None, "low", CROYDON + " One or more indicators identified: low, unless a higher tier applies.", "regional")],
    [own("CR1", "One or more medium-tier indicators: medium",
         [{"when": {"count_yes": {"at_least": 1, "section": "medium_tier"}}, "then": {"concern_at_least": "moderate"}}],
         "{answers} is a medium-tier indicator, and one or more of those makes the concern at least moderate.", CROYDON),
     own("CR2", "One or more high-tier indicators: high",
         [{"when": {"count_yes": {"at_least": 1, "section": "high_tier"}}, "then": {"concern_at_least": "significant", "threshold_at_least": 4}}],
         "{answers} is a high-tier indicator, and one or more of those makes the concern significant.", CROYDON),
     own("CR3", "Under 13, or with a learning disability, and any indicator: never low",
         [{"when": {"all": [{"any": [{"age_at_most": 12}, {"answer": {"field": "learning_disability", "at_least": "yes"}}]},
                            {"count_yes": {"at_least": 1}}]}, "then": {"concern_at_least": "moderate"}}],
         "Because of {answers}, the concern cannot be low.", CROYDON),
     own("CR4", "Three or more medium-tier indicators: high",
         [{"when": {"count_yes": {"at_least": 3, "section": "medium_tier"}}, "then": {"concern_at_least": "significant"}}],
         "{answers} are three or more medium-tier indicators together, so the concern is significant.",
         CROYDON + " The toolkit leaves the step from several medium indicators to high to professional judgement; three is reconstructed for this encoding, to be confirmed locally.",
         "reconstructed")],
    # The toolkit's own routes, from its "considerations" column: the CSE and missing
    # co-ordinator from the first indicator, and support in the community from medium risk.
    [own_action("contact_cse_missing_coordinator", "Contact the CSE and missing co-ordinator",
                "Contact the CSE and missing co-ordinator for advice and resources, and contact them again if the risk rises.",
                "routine",
                CROYDON + " Considerations at every level: contact the CSE/Missing Co-ordinator for advice and resources, and "
                "again if the risk escalates. The urgency is reconstructed for this encoding (the toolkit gives none)."),
     own_action("refer_to_community_cse_support", "Refer to support in the community",
                "Find support in the community that fits the child, such as a CSE worker, the gangs lead, the NSPCC or Safer London, "
                "and refer them to it.",
                "within_1_working_day",
                CROYDON + " Considerations at medium risk: identify and refer to appropriate support services in the community "
                "(a CSE worker, the gangs lead, the NSPCC, Safer London). The urgency is reconstructed for this encoding.")],
    [own("CR5", "Any indicator: contact the CSE and missing co-ordinator",
         [{"when": {"count_yes": {"at_least": 1}}, "then": {"actions": [{"id": "contact_cse_missing_coordinator"}]}}],
         "{answers} is an indicator in the toolkit, so the CSE and missing co-ordinator can advise.", CROYDON),
     own("CR6", "Medium risk or higher: refer to support in the community",
         [{"when": {"concern_at_least": "moderate"}, "then": {"actions": [{"id": "refer_to_community_cse_support"}]}}],
         "At moderate concern or higher, the toolkit asks for a referral to support in the community.", CROYDON)])

# 3. One significant indicator is enough: Sandwell Child Sexual Exploitation Screening Tool.
# Significant risk indicators: the presence of any one requires action (a referral); other
# risk indicators are ticked and weighed together.
SANDWELL = ("Sandwell Child Sexual Exploitation Screening Tool: significant risk indicators (current or in the past 6 months), "
            "the presence of any one of which requires action, and other risk indicators to tick. "
            "https://docsbay.net/sandwell-child-sexual-exploitation-screening-tool ; https://studylib.net/doc/6696808/cse-screening-tool")
sandwell_items = [
    ("repeat_missing", "Has the child gone missing, day or night, more than once in the last 6 months?", "significant", 3, ["child_sexual_exploitation", "missing"]),
    ("controlling_relationship", "Is the child in a relationship of concern with a controlling adult or young person (perhaps with abuse or gang activity)?", "significant", 3, CSE),
    ("vehicles_unknown_adults", "Has the child been getting into or out of cars driven by adults not known to the family?", "significant", 3, CSE),
    ("unexplained_money_clothes", "Does the child have money, expensive clothes, phone credit or other items that cannot be explained?", "significant", 3, CSE),
    ("areas_of_concern", "Does the child spend time in areas known for exploitation?", "significant", 3, CSE),
    ("groomed_online", "Has the child been groomed or abused online, or do they use a phone a great deal late at night?", "significant", 3, ["child_sexual_exploitation", "online_harm"]),
    ("hotels_taxis_takeaways", "Has the child unexplained contact with hotels, taxi firms or takeaways?", "significant", 3, CSE),
    ("recurring_infections_terminations", "Has the child had sexually transmitted infections or terminations more than once?", "significant", 3, CSE),
    ("whereabouts_unknown", "Are the child's whereabouts unclear or unknown, day or night?", "risk", 1, ["child_sexual_exploitation", "missing"]),
    ("out_of_education", "Is the child absent or excluded from school, or not in education, training or work?", "risk", 1, CSE),
    ("contacts_unknown_adults", "Does the child have regular contact from adults or young people not known to the family?", "risk", 1, CSE),
    ("injuries_unexplained", "Does the child have injuries with no likely explanation?", "risk", 1, CSE),
    ("infection_or_pregnancy", "Has the child had a sexually transmitted infection or a pregnancy?", "risk", 1, CSE),
    ("drug_misuse", "Is the child misusing drugs?", "risk", 1, CSE),
    ("alcohol_misuse", "Is the child misusing alcohol?", "risk", 1, CSE),
    ("self_harm_or_suicide_attempt", "Has the child harmed themselves or attempted suicide?", "risk", 1, CSE),
]
sandwell = ruleset(
    "sandwell-cse-significant", "Sandwell Child Sexual Exploitation Screening Tool (one significant indicator is enough), encoded for the Tees front doors",
    SANDWELL,
    [ind(i, t, s, w, SANDWELL, harm=h) for i, t, s, w, h in sandwell_items],
    [band("band_none", 0, 0, "no_current_indicators", SANDWELL + " Nothing ticked.", "regional"),
     band("band_low", 1, 2, "low", "Reconstructed: one or two other risk indicators read as low concern; to be confirmed locally."),
     band("band_moderate", 3, None, "moderate", "Reconstructed: three or more other risk indicators read as moderate concern; to be confirmed locally.")],
    [own("SW1", "Any one significant risk indicator: significant concern, refer the same day",
         [{"when": {"any_indicator_yes": {"section": "significant"}},
           "then": {"concern_at_least": "significant", "threshold_at_least": 4}}],
         "{answers} is a significant risk indicator, and any one of those is enough to act: the concern is significant.",
         SANDWELL + " The tool says one significant risk indicator requires action; this encoding reads that as significant concern with a same-day referral (rules A4, R15)."),
     own("SW2", "Aged 12 or under with any risk indicator: at least moderate",
         [{"when": {"all": [{"age_at_most": 12}, {"count_yes": {"at_least": 1}}]}, "then": {"concern_at_least": "moderate"}}],
         "The child is {age}, and with {answers} a child this young is never at low concern.",
         "Reconstructed for this encoding from the West Midlands and Croydon practice that younger children are never rated low; Sandwell's own text says nothing on age in the excerpt we hold.",
         "reconstructed")])

# Each tool's sections with the headings its own form gives them (ruleset `sections`).
SECTIONS = {
    "cheshire-cse-domains": [("health", "Health", CHESHIRE), ("behaviour", "Behaviour", CHESHIRE), ("grooming", "Grooming", CHESHIRE)],
    "croydon-cse-count": [("low_tier", "Low-risk indicators", CROYDON), ("medium_tier", "Medium-risk indicators", CROYDON),
                          ("high_tier", "High-risk indicators", CROYDON)],
    "sandwell-cse-significant": [("significant", "Significant risk indicators", SANDWELL), ("risk", "Other risk indicators", SANDWELL)],
}


def with_sections(r):
    out = {}
    for k, v in r.items():
        out[k] = v
        if k == "indicators":
            out["sections"] = [{"id": i, "title": t, "source": src, "provenance": "regional"} for i, t, src in SECTIONS[r["id"]]]
    return out


os.makedirs(os.path.join(ROOT, "seeds/rulesets"), exist_ok=True)
for r in [with_sections(x) for x in [cheshire, croydon, sandwell]]:
    with open(os.path.join(ROOT, "seeds/rulesets", r["id"] + ".ruleset.json"), "w") as f:
        json.dump(r, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote seeds/rulesets/" + r["id"] + ".ruleset.json")
