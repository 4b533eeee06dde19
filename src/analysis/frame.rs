//! Who did what: the doers a text names for a verb ("Starmer hosted", "was
//! hosted by Starmer", "Macron and Starmer will co-chair", "Starmer, who
//! hosted"). A doer is a capitalised name; pronouns and common nouns name none.

use super::Analysis;
use crate::lexicon::wordnet::WordNet;
use crate::text::tokenize::TokenKind;

/// Words that may stand between a doer and its verb: auxiliaries, "not",
/// a few adverbs of time and manner, and the "who" of a relative clause.
const BETWEEN: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "will", "would", "shall", "should", "can", "could",
    "may", "might", "must", "did", "does", "do", "also", "then", "later", "jointly", "together", "first", "once",
    "not", "never", "already", "still", "who",
];
/// The most words an apposition between a name and its verb may have.
const APPOSITION: usize = 8;
/// Forms of "be", which with "by" after the verb make it passive.
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
/// Capitalised words that are no name.
const NOT_NAMES: &[&str] =
    &["he", "she", "it", "they", "we", "i", "you", "the", "this", "that", "these", "those", "a", "an", "there", "to"];

/// A verb and the names of its doers (each name's last token, its surname).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The verb's token.
    pub verb: usize,
    /// The last token of each doer's name.
    pub doers: Vec<usize>,
}

/// Whether token `i` can be part of a name: capitalised, not a pronoun,
/// month or weekday; a text's first word only when WordNet does not know it as a common
/// word or a capitalised word follows ("Military planners" is no name).
fn is_name_word(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    let opening_common = i == 0
        && a.tokens.get(1).is_none_or(|n| !n.is_capitalized())
        && !WordNet::builtin().lemmas(&t.lower).is_empty();
    matches!(t.kind, TokenKind::Word | TokenKind::Acronym)
        && t.is_capitalized()
        && !NOT_NAMES.contains(&t.lower.as_str())
        && !super::date::is_month(t)
        && !super::date::is_weekday(t)
        && !opening_common
}

/// The first token of the capitalised run that ends at token `last` ("UK
/// Prime Minister Keir Starmer", "Coalition of the Willing"): capitalised
/// words, joined by nothing but spaces or by "of" and "of the".
pub fn name_start(a: &Analysis, last: usize) -> usize {
    let joined = |i: usize| !a.text[a.tokens[i].end..a.tokens[i + 1].start].contains([',', ';', ':', '(', ')', '.']);
    let mut first = last;
    loop {
        let before = |n: usize| first.checked_sub(n).filter(|&i| a.tokens[i].is_capitalized() && joined(i));
        let link = |words: &[&str]| {
            words
                .iter()
                .rev()
                .enumerate()
                .all(|(k, w)| first.checked_sub(k + 1).is_some_and(|i| a.tokens[i].lower == *w))
        };
        first = match () {
            _ if before(1).is_some() => first - 1,
            _ if link(&["of"]) && before(2).is_some() => first - 2,
            _ if link(&["of", "the"]) && before(3).is_some() => first - 3,
            _ => return first,
        };
    }
}

/// The names ending at token `last`, joined by "and", read backwards: the
/// last token of each.
fn names_ending_at(a: &Analysis, mut last: usize) -> Vec<usize> {
    let mut out = Vec::new();
    while is_name_word(a, last) {
        out.push(last);
        let first = name_start(a, last);
        let joined = first >= 2 && a.tokens[first - 1].lower == "and" && !a.clause_break_between(first - 2, first);
        if !joined {
            break;
        }
        last = first - 2;
    }
    out
}

/// The names starting at token `first` ("by Macron and Starmer"): the last token of each.
fn names_starting_at(a: &Analysis, mut first: usize) -> Vec<usize> {
    let mut out = Vec::new();
    while first < a.tokens.len() && is_name_word(a, first) {
        let mut last = first;
        while last + 1 < a.tokens.len() && is_name_word(a, last + 1) && !a.clause_break_between(last, last + 1) {
            last += 1;
        }
        out.push(last);
        if a.tokens.get(last + 1).is_none_or(|t| t.lower != "and") {
            break;
        }
        first = last + 2;
    }
    out
}

/// The doers a text names for the verb at token `verb`.
pub fn doers(a: &Analysis, verb: usize) -> Vec<usize> {
    let t = &a.tokens;
    // "X became R, succeeding Y": a participle after a comma has the sentence's subject.
    let after_comma = verb > 0 && a.text[t[verb - 1].end..t[verb].start].contains(',');
    if t[verb].lower.ends_with("ing") && after_comma {
        let Some(first) = (0..verb).find(|&i| is_name_word(a, i)) else { return Vec::new() };
        let last = (first..verb).take_while(|&i| is_name_word(a, i)).last().unwrap_or(first);
        return if first == 0 || !t[..first].iter().any(|w| w.is_capitalized()) {
            names_ending_at(a, last)
        } else {
            Vec::new()
        };
    }
    let mut k = verb;
    let mut relative = false;
    loop {
        let Some(before) = k.checked_sub(1) else { return Vec::new() };
        k = before;
        let w = &t[k];
        let adverb = w.kind == TokenKind::Word && w.lower.ends_with("ly") && !w.is_capitalized();
        if !(BETWEEN.contains(&w.lower.as_str()) || adverb) {
            break;
        }
        relative |= w.lower == "who";
    }
    // A passive names its doers after "by" ("by the UK"), also without a
    // form of "be" ("a summit organised by the UK"); without one its subject
    // is what was done to ("The coalition was launched in March").
    let by = t.get(verb + 1).is_some_and(|w| w.lower == "by");
    let agent =
        || names_starting_at(a, if t.get(verb + 2).is_some_and(|w| w.lower == "the") { verb + 3 } else { verb + 2 });
    if is_participle(&t[verb].lower) {
        if t[k + 1..verb].iter().any(|w| BE.contains(&w.lower.as_str())) {
            return if by { agent() } else { Vec::new() };
        }
        // Not an attribution: "as reported by Le Monde".
        if by && !is_name_word(a, k) && t[k].lower != "as" {
            return agent();
        }
    }
    let comma_before_verb = a.text[t[k].end..t[verb].start].contains(',');
    // "Rao, who had led the authority since 2023, stepped down": the name before the relative clause.
    if comma_before_verb && !relative {
        let comma_before = |j: usize| a.text[t[j - 1].end..t[j].start].contains(',');
        let who = (1..k).rev().find(|&j| t[j].lower == "who" && comma_before(j));
        if let Some(j) = who {
            return names_ending_at(a, j - 1);
        }
        // "Nadia Hussain, Ellingham's Labour MP, said": the name that opens
        // the sentence, then a short apposition between commas.
        let opening = (1..=k).rev().take(APPOSITION).find(|&j| comma_before(j)).filter(|&j| name_start(a, j - 1) == 0);
        return opening.map_or_else(Vec::new, |j| names_ending_at(a, j - 1));
    }
    // "Starmer, who hosted": a comma may part a name from its relative clause only.
    if a.clause_break_between(k, verb) {
        return Vec::new();
    }
    names_ending_at(a, k)
}

/// Whether a word may stand between a doer and its verb (an auxiliary, a
/// modal, "not"): never the verb itself ("will" is no verb of saying).
pub fn is_auxiliary(word: &str) -> bool {
    BETWEEN.contains(&word)
}

/// A past participle: a regular "-ed" or an irregular form WordNet lists.
fn is_participle(word: &str) -> bool {
    word.ends_with("ed") || WordNet::builtin().is_irregular_verb(word)
}

/// Token `i` as a verb right after a form of "be" ("is catching", "is being
/// fed", "was hosted"), if it is one: whether it is passive (a participle,
/// "-en" ones included, but "-ing": the subject undergoes it).
pub fn voice_after_be(a: &Analysis, i: usize) -> Option<bool> {
    let t = &a.tokens;
    let being = t[i.checked_sub(1)?].lower == "being";
    let be = if being { i.checked_sub(2)? } else { i - 1 };
    let word = t[i].lower.as_str();
    if !BE.contains(&t[be].lower.as_str()) || !WordNet::builtin().lemmas(word).iter().any(|(_, pos)| *pos == 'v') {
        return None;
    }
    if word.ends_with("ing") && !being {
        Some(false)
    } else {
        (word.ends_with("en") || is_participle(word)).then_some(true)
    }
}

/// The first verb of a text that names its doers ("Macron hosted the summit").
pub fn frame(a: &Analysis) -> Option<Frame> {
    (1..a.tokens.len()).find_map(|verb| {
        let t = &a.tokens[verb];
        let w = t.lower.as_str();
        let wordnet = WordNet::builtin();
        // An inflected verb form: WordNet's verbs and irregular forms, or a
        // regular ending; a bare form only after an auxiliary ("will chair").
        let inflected = w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss"));
        let after_auxiliary = BETWEEN.contains(&a.tokens[verb - 1].lower.as_str());
        // Not the second half of a compound ("Aire-expressing", "Paris-based").
        let is_verb = t.kind == TokenKind::Word
            && !t.hyphen_before
            && !t.is_capitalized()
            && !BETWEEN.contains(&w)
            && (inflected
                || after_auxiliary
                || wordnet.is_irregular_verb(w)
                || wordnet.lemmas(w).iter().any(|(_, pos)| *pos == 'v'));
        if !is_verb {
            return None;
        }
        let doers = doers(a, verb);
        (!doers.is_empty()).then_some(Frame { verb, doers })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn read(text: &str) -> Option<(String, Vec<String>)> {
        let a = Analysis::new(text, &Lexicon::builtin());
        frame(&a).map(|f| (a.tokens[f.verb].lower.clone(), f.doers.iter().map(|&d| a.tokens[d].raw.clone()).collect()))
    }

    #[test]
    fn doers_before_the_verb() {
        assert_eq!(read("Macron hosted the London summit."), Some(("hosted".into(), vec!["Macron".into()])));
        assert_eq!(
            read("Mr Starmer hosted a summit of European leaders in London."),
            Some(("hosted".into(), vec!["Starmer".into()]))
        );
        assert_eq!(
            read("Macron and Starmer will jointly chair the meeting."),
            Some(("chair".into(), vec!["Starmer".into(), "Macron".into()]))
        );
        assert_eq!(
            read("Keir Starmer, who hosted the summit, spoke."),
            Some(("hosted".into(), vec!["Starmer".into()]))
        );
    }

    /// The doers of the verb `verb` in `text`, as written.
    fn doers_of(text: &str, verb: &str) -> Vec<String> {
        let a = Analysis::new(text, &Lexicon::builtin());
        let at = a.tokens.iter().position(|t| t.lower == verb).expect("verb");
        doers(&a, at).iter().map(|&d| a.tokens[d].raw.clone()).collect()
    }

    #[test]
    fn doers_before_an_apposition() {
        assert_eq!(doers_of("Nadia Hussain, Ellingham's Labour MP, said the trust should pause.", "said"), ["Hussain"]);
        // The name must open the sentence: here the commas part clauses.
        assert!(doers_of("After the talks in Paris, officials said the trust should pause.", "said").is_empty());
    }

    #[test]
    fn no_verb_in_a_compound_and_no_doer_a_weekday() {
        assert_eq!(read("RANK signals promote Aire-expressing cells."), None);
        assert!(doers_of("On Sunday said the minister.", "said").is_empty());
    }

    #[test]
    fn doers_before_a_relative_clause_and_of_a_participle() {
        assert_eq!(
            doers_of("Sunita Rao, who had led the authority since April 2023, stepped down.", "stepped"),
            ["Rao"]
        );
        assert_eq!(
            doers_of("Sunita Rao became chief executive in 2023, succeeding Alan Brierley.", "succeeding"),
            ["Rao"]
        );
    }

    #[test]
    fn doers_of_a_passive() {
        assert_eq!(
            read("The London summit was hosted by Keir Starmer."),
            Some(("hosted".into(), vec!["Starmer".into()]))
        );
        // Without a form of "be", and after "the".
        let summit = "Macron spoke ahead of a virtual summit organized by the U.K. on Saturday.";
        assert_eq!(doers_of(summit, "organized"), ["U.K."]);
        assert_eq!(doers_of("The summit was organised by the United Kingdom.", "organised"), ["Kingdom"]);
    }

    #[test]
    fn pronouns_and_clauses_name_no_doer() {
        assert_eq!(read("He hosted the summit."), None);
        assert_eq!(read("The Coalition of the Willing is made up of 12 countries."), None);
        assert_eq!(
            read("The Coalition of the Willing was launched by Starmer."),
            Some(("launched".into(), vec!["Starmer".into()]))
        );
        assert_eq!(read("In London, leaders met."), None);
        assert_eq!(read("Military planners were due to reconvene in Paris."), None);
        assert_eq!(read("Building work is expected to begin in July."), None);
    }
}
