//! Repair quality metrics (CER, WER, fixed/broken words). (stub)
