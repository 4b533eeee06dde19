//! Text handling: normalisation, tokens, HTML stripping and sentence segmentation.

pub mod html;
pub mod normalize;
pub mod segment;
pub mod span;
pub mod tokenize;
