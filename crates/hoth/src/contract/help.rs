//! `help`: one sentence for the person filling in the form (contract §6), in the GOV.UK
//! error-message style ("Enter…", "Select…"), naming the question by its title.
//!
//! Every error gets one. The message says what is wrong for a developer; the help says what
//! to do for a person. Where there is a question behind the error its title (from the
//! ruleset) is used; where there is none (the bytes could not be read, or the form sent a
//! field the screening does not have) the sentence says to check the form.

use crate::contract::error::ErrorCode;

/// The help for an error at `pointer`, with the title of the question there when known.
pub fn help(code: ErrorCode, pointer: &str, title: Option<&str>) -> String {
    let quoted = title.map(|t| format!("“{t}”"));
    let question = quoted.as_deref().unwrap_or("this question");
    let last = pointer.rsplit('/').next().unwrap_or("");
    match code {
        ErrorCode::TooLarge => "Check the form: it sent more than 65,536 bytes, which is more than any screening needs".to_owned(),
        ErrorCode::TooDeep | ErrorCode::InvalidJson => "Check the form: what it sent could not be read as a screening".to_owned(),
        ErrorCode::UnknownField | ErrorCode::UnknownIndicator | ErrorCode::UnknownDescriptor => {
            "Check the form: it sent a question this screening does not have".to_owned()
        }
        ErrorCode::DuplicateKey => format!("Check the form: it sent an answer to {question} more than once"),
        ErrorCode::BasisWithoutYes => format!("Only say how you know about {question} when the answer is yes"),
        ErrorCode::MissingReason => "Enter the reason for your professional judgement".to_owned(),
        ErrorCode::TooLong if last == "reason" => "Reason for your professional judgement must be 2,000 characters or fewer".to_owned(),
        ErrorCode::TooLong => "Your role must be 100 characters or fewer".to_owned(),
        ErrorCode::Internal => {
            "Something went wrong in the screening: if a child may be in danger, call 999; otherwise call the front door".to_owned()
        }
        ErrorCode::DuplicateId
        | ErrorCode::UnknownReference
        | ErrorCode::BandGapOrOverlap
        | ErrorCode::NegativeWeight
        | ErrorCode::LoweringEffect
        | ErrorCode::RequiredRule
        | ErrorCode::InvalidRuleset
        | ErrorCode::Language => "Ask whoever maintains the ruleset to correct it at this place".to_owned(),
        ErrorCode::MissingField | ErrorCode::InvalidType | ErrorCode::InvalidValue | ErrorCode::OutOfRange => match last {
            "" => "Check the form: what it sent was not a screening".to_owned(),
            "local_authority" => "Select the local authority the child lives in".to_owned(),
            "child" | "age_years" => "Enter the child's age in whole years, from 0 to 25".to_owned(),
            "missing_episodes_last_90_days" => {
                "Enter how many times the child has gone missing in the last 90 days, as a whole number, or leave it blank if not known"
                    .to_owned()
            }
            "education" => "Select the child's education setting, or not known".to_owned(),
            "screened_by" => "Select who you are (your role), or not known".to_owned(),
            "direction" => "Select whether your professional judgement raises or lowers the concern".to_owned(),
            "recorded_by_role" => "Enter your role (not your name)".to_owned(),
            "reason" => "Enter the reason for your professional judgement".to_owned(),
            "professional_judgement" => {
                "Select whether your professional judgement raises or lowers the concern, and enter your reason".to_owned()
            }
            "threshold_descriptors" => "Check the form: select Threshold of Need descriptions from its list".to_owned(),
            "indicators" | "concern_basis" | "history" => "Check the form: this part of the screening could not be read".to_owned(),
            _ if pointer.starts_with("/concern_basis/") => {
                format!("Select how you know about {question}: evidenced, professional concern or not stated")
            }
            _ => format!("Select yes, no or not known for {question}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_the_question_in_govuk_style() {
        let h = help(ErrorCode::InvalidValue, "/indicators/carrying_weapon", Some("Is the child carrying a weapon?"));
        assert_eq!(h, "Select yes, no or not known for “Is the child carrying a weapon?”");
        assert!(help(ErrorCode::OutOfRange, "/child/age_years", None).starts_with("Enter the child's age"));
        assert!(help(ErrorCode::UnknownField, "/colour", None).starts_with("Check the form"));
        for code in [ErrorCode::InvalidJson, ErrorCode::TooLarge, ErrorCode::Internal, ErrorCode::MissingReason] {
            assert!(!help(code, "", None).is_empty());
        }
    }
}
