//! Cancellation without process state: a [`CancelToken`] is owned by
//! whoever runs the work (a [`crate::pipeline::Pipeline`], a batch) and
//! handed down to the stages that can stop early (Tesseract's monitor,
//! external programs). Cancelling one token stops only the work that holds
//! it; a fresh token starts clean.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A shared "stop now" flag. Clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask every holder of this token (and its clones) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The flag itself, for a C callback that polls it (Tesseract's
    /// monitor); valid while this token lives.
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_new_tokens_start_clean() {
        let a = CancelToken::new();
        let b = a.clone();
        assert!(!b.is_cancelled());
        a.cancel();
        assert!(b.is_cancelled());
        assert!(!CancelToken::new().is_cancelled());
    }
}
