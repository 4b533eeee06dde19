//! Reasons as data: what kind of reason, the values it names and where its
//! words are. [`Reason::message`] renders one to English prose; no logic ever
//! reads that prose.

use crate::text::span::Span;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// What a reason says, in kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonKind {
    /// A conflict found by the named detector ("number", "date", …).
    Conflict(&'static str),
    /// How much of the claim a sentence covers.
    Coverage,
    /// The claim states a value (number, date) the sentence does not.
    NotStated,
    /// The sentences a window reads before this one disagree with the claim.
    EarlierSentencesDisagree,
    /// The sentence puts another word where the claim has one.
    Substitution,
    /// The sentence has the claim's doer and undergoer the other way round.
    Reversed,
    /// The sentence only hedges what the claim asserts.
    HedgedSource,
    /// The sentence names the claim's act as a topic without asserting it.
    NamedOnly,
    /// The sentence was read with the ones before it.
    ReadTogether,
    /// No sentence settles the claim; the closest one's reasons follow.
    Unsettled,
    /// No sentence shares the claim's content words.
    NoOverlap,
    /// Sources disagree; how the disagreement was resolved.
    SourcesDisagree,
    /// The verdict is not among the allowed answers; the one given instead.
    NotAllowed,
    /// A status claim judged as of a date against who held the office then.
    AsOf,
    /// A contradiction set apart: the sentence is about another occasion.
    AnotherEvent,
    /// A claim word the sentence says in other words (the static vectors).
    Paraphrase,
    /// The sentence states the claim's figure, which another source contradicts.
    StatesFigure,
    /// A forced choice by the learned decision: the verdict's probability and what weighed most.
    Decision,
}

impl ReasonKind {
    /// The kind's name in JSON (`"number"`, `"coverage"`, …).
    pub fn name(self) -> &'static str {
        match self {
            ReasonKind::Conflict(detector) => detector,
            ReasonKind::Coverage => "coverage",
            ReasonKind::NotStated => "not_stated",
            ReasonKind::EarlierSentencesDisagree => "earlier_sentences_disagree",
            ReasonKind::Substitution => "substitution",
            ReasonKind::Reversed => "reversed",
            ReasonKind::HedgedSource => "hedged_source",
            ReasonKind::NamedOnly => "named_only",
            ReasonKind::ReadTogether => "read_together",
            ReasonKind::Unsettled => "unsettled",
            ReasonKind::AsOf => "as_of",
            ReasonKind::AnotherEvent => "another_event",
            ReasonKind::Paraphrase => "paraphrase",
            ReasonKind::StatesFigure => "states_figure",
            ReasonKind::Decision => "decision",
            ReasonKind::NoOverlap => "no_overlap",
            ReasonKind::SourcesDisagree => "sources_disagree",
            ReasonKind::NotAllowed => "not_allowed",
        }
    }
}

/// A value a reason names.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Words or a number, as shown.
    Text(String),
    /// Words listed: “a”, “b”.
    Words(Vec<String>),
    /// Reasons it rests on, joined by semicolons.
    Reasons(Vec<Reason>),
}

/// One reason for a stance or a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// What it says, in kind.
    pub kind: ReasonKind,
    /// How it reads: `{name}` stands for the value of that name.
    pub template: &'static str,
    /// The values it names, in order.
    pub values: Vec<(&'static str, Value)>,
    /// Where its words are in the claim's text, when known.
    pub claim: Option<Span>,
    /// Where its words are in the evidence sentence, when known.
    pub source: Option<Span>,
}

impl Reason {
    /// A reason of `kind` that reads `template` with `values` filled in.
    pub fn new(kind: ReasonKind, template: &'static str, values: Vec<(&'static str, Value)>) -> Self {
        Reason { kind, template, values, claim: None, source: None }
    }

    /// The value named `name`.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The reason in English.
    pub fn message(&self) -> String {
        let mut out = String::new();
        let mut rest = self.template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let name = &rest[open + 1..open + close];
            match self.value(name) {
                Some(Value::Text(text)) => out.push_str(text),
                Some(Value::Words(words)) => {
                    let quoted: Vec<String> = words.iter().map(|w| format!("\u{201C}{w}\u{201D}")).collect();
                    out.push_str(&quoted.join(", "));
                }
                Some(Value::Reasons(reasons)) => {
                    out.push_str(&reasons.iter().map(Reason::message).collect::<Vec<_>>().join("; "))
                }
                None => {}
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Words(words) => words.serialize(serializer),
            Value::Reasons(reasons) => reasons.serialize(serializer),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", self.kind.name())?;
        map.serialize_entry("message", &self.message())?;
        if !self.values.is_empty() {
            map.serialize_entry("values", &Values(&self.values))?;
        }
        if let Some(span) = self.claim {
            map.serialize_entry("claim_span", &[span.start, span.end])?;
        }
        if let Some(span) = self.source {
            map.serialize_entry("source_span", &[span.start, span.end])?;
        }
        map.end()
    }
}

struct Values<'a>(&'a [(&'static str, Value)]);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The reasons of a claim or an evidence sentence. In JSON: `reasons`, their
/// messages (as schema version 1 has always had them), and `reason_details`,
/// each reason's kind, message, values and spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reasons(pub Vec<Reason>);

impl std::ops::Deref for Reasons {
    type Target = Vec<Reason>;
    fn deref(&self) -> &Vec<Reason> {
        &self.0
    }
}

impl std::ops::DerefMut for Reasons {
    fn deref_mut(&mut self) -> &mut Vec<Reason> {
        &mut self.0
    }
}

struct Messages<'a>(&'a [Reason]);

impl Serialize for Messages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for reason in self.0 {
            seq.serialize_element(&reason.message())?;
        }
        seq.end()
    }
}

impl Serialize for Reasons {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("reasons", &Messages(&self.0))?;
        map.serialize_entry("reason_details", &self.0)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number() -> Reason {
        Reason::new(
            ReasonKind::Conflict("number"),
            "number: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
            vec![("claim", Value::Text("31".into())), ("source", Value::Text("32".into()))],
        )
    }

    #[test]
    fn messages_fill_in_values() {
        assert_eq!(number().message(), "number: the claim says \u{201C}31\u{201D}, the source says \u{201C}32\u{201D}");
        let nested = Reason::new(
            ReasonKind::Unsettled,
            "the closest {closest}",
            vec![("closest", Value::Reasons(vec![number(), number()]))],
        );
        assert!(nested.message().starts_with("the closest number:"));
        assert_eq!(nested.message().matches("; ").count(), 1);
        let words =
            Reason::new(ReasonKind::Coverage, "(not {w})", vec![("w", Value::Words(vec!["a".into(), "b".into()]))]);
        assert_eq!(words.message(), "(not \u{201C}a\u{201D}, \u{201C}b\u{201D})");
    }

    #[test]
    fn json_carries_kind_message_values_and_spans() {
        let mut reason = number();
        reason.source = Some(Span::new(4, 6));
        let json = serde_json::to_value(Reasons(vec![reason])).unwrap();
        assert_eq!(json["reasons"][0], number().message());
        let detail = &json["reason_details"][0];
        assert_eq!(detail["kind"], "number");
        assert_eq!(detail["values"]["source"], "32");
        assert_eq!(detail["source_span"], serde_json::json!([4, 6]));
        assert!(detail.get("claim_span").is_none());
    }
}
