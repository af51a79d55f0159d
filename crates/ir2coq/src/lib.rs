//! ir2coq (placeholder until its issue lands).
