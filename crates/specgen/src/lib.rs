//! specgen (placeholder until its issue lands).
