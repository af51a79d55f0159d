//! asmgen (placeholder until its issue lands).
