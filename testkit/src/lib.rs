//! memprof-tui's test kit, kept out of the product: the harness that drives the explorer
//! without a terminal ([`harness`]), the model-based walker ([`walk`]) with its reference
//! model ([`reference`]), and the README's screenshots ([`screenshot`]). Tests, examples
//! and the fuzz targets depend on it; `cargo install` and the release binary never build
//! it.

pub mod harness;
pub mod reference;
pub mod screenshot;
pub mod used_only;
pub mod walk;
