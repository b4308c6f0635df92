//! Placeholder until the grammar is generated.
