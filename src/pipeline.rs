//! One file through every stage. (stub)
