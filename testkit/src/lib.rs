//! memprof-tui's test kit, kept out of the product: the model-based walker ([`walk`]) and
//! the README's screenshots ([`screenshot`]). Tests, examples and the fuzz targets depend
//! on it; `cargo install` and the release binary never build it.

pub mod screenshot;
pub mod walk;
