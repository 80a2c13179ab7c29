//! The bit layout of a value in the `sv_SE` forms FST, in one place.
//!
//! `build.rs` expands `dictionaries/sv_SE.dic` into surface forms and writes each form's value
//! with these constants (its `pack`); [`super::compound`] (`SvChecker`) reads the values with
//! them. build.rs includes this file with `#[path] mod`, so it holds constants only and uses
//! nothing from the crate.
//!
//! A value tells, for each lookup mode, what spellbook's *first* hit for the form would be:
//!
//! | bits  | meaning                                                   |
//! |-------|-----------------------------------------------------------|
//! | 0, 1  | valid alone (hidden homonyms allowed): found, forbidden   |
//! | 2, 3  | valid alone (hidden homonyms skipped): found, forbidden   |
//! | 4, 5  | compound begin: found, forbidden                          |
//! | 6, 7  | COMPOUNDRULE part: FORCEUCASE, forbidden                  |
//! | 8-15  | compound begin: derivation                                |
//! | 16,17 | compound middle: found, forbidden                         |
//! | 24-31 | compound middle: derivation                               |
//! | 32,33 | compound end: found, forbidden                            |
//! | 34    | compound end: FORCEUCASE                                  |
//! | 40-47 | compound end: derivation                                  |
//! | 48-63 | COMPOUNDRULE flags (non-zero: usable in a COMPOUNDRULE)   |
//!
//! "Found" means the form is a valid word in that mode; "forbidden" that the first hit carries
//! FORBIDDENWORD; a "derivation" is an index into the generated `DERIVS` table (which stem and
//! suffix the form came from, for CHECKCOMPOUNDREP and CHECKCOMPOUNDDUP); the COMPOUNDRULE
//! flags are one bit per flag, in the order of the generated `RULES` table's bit numbers.

/// Valid as a word on its own, hidden homonyms allowed.
pub const ALONE: u64 = 1 << 0;
/// The first hit of [`ALONE`] is a FORBIDDENWORD.
pub const ALONE_FORBIDDEN: u64 = 1 << 1;
/// Valid as a word on its own, hidden (titlecase) homonyms skipped.
pub const ALONE_NO_HIDDEN: u64 = 1 << 2;
/// The first hit of [`ALONE_NO_HIDDEN`] is a FORBIDDENWORD.
pub const ALONE_NO_HIDDEN_FORBIDDEN: u64 = 1 << 3;
/// Valid as the first part of a compound (COMPOUNDBEGIN).
pub const BEGIN: u64 = 1 << 4;
/// The first hit of [`BEGIN`] is a FORBIDDENWORD.
pub const BEGIN_FORBIDDEN: u64 = 1 << 5;
/// The COMPOUNDRULE hit carries FORCEUCASE.
pub const RULE_FORCE_UCASE: u64 = 1 << 6;
/// The COMPOUNDRULE hit is a FORBIDDENWORD.
pub const RULE_FORBIDDEN: u64 = 1 << 7;
/// Shift of the 8-bit derivation of the [`BEGIN`] hit.
pub const BEGIN_DERIV_SHIFT: u32 = 8;
/// Valid as a middle part of a compound (COMPOUNDMIDDLE).
pub const MIDDLE: u64 = 1 << 16;
/// The first hit of [`MIDDLE`] is a FORBIDDENWORD.
pub const MIDDLE_FORBIDDEN: u64 = 1 << 17;
/// Shift of the 8-bit derivation of the [`MIDDLE`] hit.
pub const MIDDLE_DERIV_SHIFT: u32 = 24;
/// Valid as the last part of a compound (COMPOUNDEND).
pub const END: u64 = 1 << 32;
/// The first hit of [`END`] is a FORBIDDENWORD.
pub const END_FORBIDDEN: u64 = 1 << 33;
/// The first hit of [`END`] carries FORCEUCASE.
pub const END_FORCE_UCASE: u64 = 1 << 34;
/// Shift of the 8-bit derivation of the [`END`] hit.
pub const END_DERIV_SHIFT: u32 = 40;
/// Shift of the 16-bit COMPOUNDRULE flag mask (zero: not usable in a COMPOUNDRULE).
pub const RULE_FLAGS_SHIFT: u32 = 48;

/// The fields do not overlap: each single bit, 8-bit derivation and the 16-bit rule mask has
/// bits of its own. Checked when either side compiles.
const _: () = {
    let singles = [
        ALONE,
        ALONE_FORBIDDEN,
        ALONE_NO_HIDDEN,
        ALONE_NO_HIDDEN_FORBIDDEN,
        BEGIN,
        BEGIN_FORBIDDEN,
        RULE_FORCE_UCASE,
        RULE_FORBIDDEN,
        MIDDLE,
        MIDDLE_FORBIDDEN,
        END,
        END_FORBIDDEN,
        END_FORCE_UCASE,
    ];
    let mut used = (0xff_u64 << BEGIN_DERIV_SHIFT)
        | (0xff_u64 << MIDDLE_DERIV_SHIFT)
        | (0xff_u64 << END_DERIV_SHIFT)
        | (0xffff_u64 << RULE_FLAGS_SHIFT);
    assert!(
        (0xff_u64 << BEGIN_DERIV_SHIFT) & (0xff_u64 << MIDDLE_DERIV_SHIFT) == 0
            && (0xff_u64 << MIDDLE_DERIV_SHIFT) & (0xff_u64 << END_DERIV_SHIFT) == 0
            && (0xff_u64 << END_DERIV_SHIFT) & (0xffff_u64 << RULE_FLAGS_SHIFT) == 0
            && RULE_FLAGS_SHIFT + 16 == 64
    );
    let mut i = 0;
    while i < singles.len() {
        assert!(singles[i].is_power_of_two() && singles[i] & used == 0);
        used |= singles[i];
        i += 1;
    }
};
