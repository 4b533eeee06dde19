//! A claim to check and where it was written.

use super::Verdict;

/// Where a claim was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The claims file, as the user named it.
    pub path: String,
    /// 1-based line of the claim's text.
    pub line: usize,
    /// 1-based column of the claim's text.
    pub column: usize,
    /// The whole line the claim's text starts on, as written.
    pub line_text: String,
}

/// A claim to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Unique within its file.
    pub id: String,
    /// The statement.
    pub text: String,
    /// The verdict it should get, if known.
    pub expect: Option<Verdict>,
    /// A remark for people.
    pub note: Option<String>,
    /// Where its review is published, when it has an address of its own.
    pub url: Option<String>,
    /// Where it was written; `None` for claims given on the command line.
    pub location: Option<Location>,
    /// Fields a streamed claim carried besides its id and text, given back
    /// with its result in JSON and JSON Lines.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Words that open a request to the tool rather than a statement.
const REQUESTS: &[&str] =
    &["check", "verify", "confirm", "find", "show", "tell", "list", "explain", "compare", "search", "look", "please"];
/// Determiners: a lower-case first word with no verb anywhere, followed by
/// one of these, is a command ("Parse the source", "Fix this figure").
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "all", "every"];
/// Words that open a relative or subordinate clause, whose verb is not the
/// sentence's own.
const RELATIVES: &[&str] = &["that", "which", "who", "whom", "whose", "where", "when", "if", "because", "while"];
/// Auxiliaries and the copula: a text with one has a finite verb.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "do", "does", "did", "'s", "'re", "'ve", "'ll",
];

impl Claim {
    /// A claim given directly (command line, REPL), numbered from 1.
    pub fn adhoc(n: usize, text: &str) -> Self {
        Claim {
            id: format!("claim-{n}"),
            text: text.trim().to_string(),
            expect: None,
            note: None,
            url: None,
            location: None,
            extra: Default::default(),
        }
    }

    /// A stable id for a claim written without one: `c-` and eight hex digits
    /// of a hash (64-bit FNV-1a) of its text, the same on every machine and run.
    pub fn id_of(text: &str) -> String {
        let hash =
            text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("c-{:08x}", hash >> 32)
    }

    /// Why `text` is not a checkable claim, if it is not: a question, a
    /// command ("Check the NATO figures", "Send troops"), a word or two that
    /// state nothing ("Ukraine", "help"), or a phrase with no verb ("the
    /// London summit").
    pub fn not_checkable(text: &str) -> Option<&'static str> {
        let text = text.trim();
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}').to_string())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        let wordnet = crate::lexicon::wordnet::WordNet::builtin();
        let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let lemmas = wordnet.lemmas(&first);
        // A verb that opens a subject is no command ("Keep Ellingham Whole was
        // set up in 2024", "Cruise lines have booked berths"): no determiner
        // follows it, and an auxiliary does, outside a relative clause ("Send
        // troops that are ready" is a command).
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // Or a capitalised word follows it and an auxiliary comes later on
        // ("Like Path.chmod() but, if …, the mode is not changed").
        let auxiliary = |w: &String| AUXILIARIES.contains(&w.as_str());
        let opens_name =
            words.get(1).is_some_and(|w| w.starts_with(char::is_uppercase)) && lower.iter().skip(2).any(auxiliary);
        let opens_subject = opens_name
            || lower.get(1).is_some_and(|w| !DETERMINERS.contains(&w.as_str()))
                && lower.iter().skip(2).take_while(|w| !RELATIVES.contains(&w.as_str())).any(auxiliary);
        let bare_verb = lemmas.iter().any(|(l, p)| *p == 'v' && *l == first)
            && !lemmas.iter().any(|(_, p)| *p == 'n')
            && !opens_subject;
        // Anything that may be a verb: an auxiliary, a regular past, a form
        // WordNet knows as a verb, or an -s form after a name ("Macron hosts").
        let parts: Vec<&str> = words.iter().flat_map(|w| w.split('-')).filter(|p| !p.is_empty()).collect();
        let finite = parts.iter().enumerate().any(|(i, w)| {
            let lower = w.to_lowercase();
            let after_name = i > 0 && parts[i - 1].starts_with(char::is_uppercase);
            AUXILIARIES.contains(&lower.as_str())
                || lower.ends_with("ed")
                || lower.ends_with("n't")
                || wordnet.is_irregular_verb(&lower)
                || (i > 0 && *w == lower && wordnet.lemmas(&lower).iter().any(|(_, p)| *p == 'v'))
                || (after_name && lower.ends_with('s'))
        });
        if text.trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}']).ends_with('?') {
            Some("a question")
        } else if words.len() < 3 {
            Some("too short to state anything: a claim says something about something")
        } else if REQUESTS.contains(&first.as_str())
            || bare_verb
            || (!finite && words.get(1).is_some_and(|w| DETERMINERS.contains(&w.as_str())))
        {
            Some("a command: a claim states something as true")
        } else if !finite {
            Some("no verb: a claim says something about something")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_claim() {
        assert_eq!(
            Claim::not_checkable("Ukraine"),
            Some("too short to state anything: a claim says something about something")
        );
        assert!(Claim::not_checkable("help").is_some());
        assert_eq!(Claim::not_checkable("Did NATO meet in Brussels?"), Some("a question"));
        assert!(Claim::not_checkable("Check the NATO numbers.").is_some_and(|w| w.starts_with("a command")));
        assert!(Claim::not_checkable("Send troops to Ukraine.").is_some_and(|w| w.starts_with("a command")));
        assert!(Claim::not_checkable("Send Macron to Ukraine.").is_some_and(|w| w.starts_with("a command")));
        // A verb WordNet does not list, before a determiner and with no other verb.
        let parse = Claim::not_checkable("Parse the source into an AST node.");
        assert!(parse.is_some_and(|w| w.starts_with("a command")), "{parse:?}");
        assert_eq!(Claim::not_checkable("Keep Ellingham Whole was set up in 2024."), None, "a campaign's name");
        // A capitalised word after the opening one, with an auxiliary later on.
        let like = "Like Path.chmod() but, if the path points to a link, the link's mode is not changed.";
        assert_eq!(Claim::not_checkable(like), None);
        // A noun WordNet knows only as a verb, opening a subject.
        assert_eq!(Claim::not_checkable("Cruise lines have already booked berths at the North Quay."), None);
        let relative = Claim::not_checkable("Send troops that are ready to Ukraine.");
        assert!(relative.is_some_and(|w| w.starts_with("a command")), "{relative:?}");
        for fragment in ["the London summit", "the Coalition of the Willing"] {
            assert!(Claim::not_checkable(fragment).is_some_and(|w| w.starts_with("no verb")), "{fragment}");
        }
        for claim in [
            "Trump met Putin in Anchorage.",
            "Finland joins NATO.",
            "Police arrested three men.",
            "Support for the coalition grew.",
            "NATO's members met in Brussels.",
        ] {
            assert_eq!(Claim::not_checkable(claim), None, "{claim}");
        }
        assert_eq!(Claim::not_checkable("NATO has 32 members."), None);
        assert_eq!(Claim::not_checkable("Rutte leads NATO"), None);
    }

    #[test]
    fn derived_ids_are_stable() {
        assert_eq!(Claim::id_of("NATO has 32 members."), Claim::id_of("NATO has 32 members."));
        assert_ne!(Claim::id_of("NATO has 32 members."), Claim::id_of("NATO has 31 members."));
        assert!(Claim::id_of("x").starts_with("c-") && Claim::id_of("x").len() == 10);
    }
}
