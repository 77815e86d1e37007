//! The fonts a letter is set in, compiled into the binary (typst-assets): Libertinus Serif for
//! the text, the others (New Computer Modern, DejaVu Sans Mono) only where a character is not in
//! it. No system font is ever looked at, so every machine sets a letter alike.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The embedded fonts, parsed once per process, and typst's index of them.
pub struct Fonts {
    /// What typst looks fonts up in, by family, style and coverage.
    pub book: LazyHash<FontBook>,
    /// The fonts in the book's order (`World::font(index)`).
    pub fonts: Vec<Font>,
}

/// The fonts of every letter.
pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

impl Fonts {
    /// Whether some embedded font has a glyph for `c` (typst falls back across all of them).
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|font| font.info().coverage.contains(u32::from(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_font_is_embedded_and_covers_danish_and_swedish_letters_and_quote_marks() {
        assert!(FONTS.book.contains_family("libertinus serif"));
        for c in "æøåÆØÅäöÄÖ»«”“…–".chars() {
            assert!(FONTS.covers(c), "{c}");
        }
        assert!(!FONTS.covers('🎵'), "an emoji font is not embedded");
    }
}
