//! Cell colours of the heatmap from ColorBrewer's RdYlBu, a diverging scale that stays readable for
//! the common colour-vision deficiencies, with a text colour that keeps the number legible.

/// Background and text colour (CSS hex) of a mean on the 1..=`points` scale: red low, yellow in the
/// middle, blue high.
pub fn cell_colours(mean: f64, points: f64) -> (String, &'static str) {
    colours_at((mean - 1.0) / (points - 1.0))
}

/// Colours of a signed difference: yellow at 0, full blue at `+full`, full red at `−full`.
pub fn difference_colours(difference: f64, full: f64) -> (String, &'static str) {
    colours_at(0.5 + difference / (2.0 * full))
}

/// Background and text colour at position `t` (0 = red end, 1 = blue end) of the scale.
fn colours_at(t: f64) -> (String, &'static str) {
    let c = colorous::RED_YELLOW_BLUE.eval_continuous(t.clamp(0.0, 1.0));
    // Relative luminance (WCAG) of the background decides between black and white text.
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    // Whichever of black and white contrasts more.
    let against_black = (luminance + 0.05) / 0.05;
    let against_white = 1.05 / (luminance + 0.05);
    let text = if against_black >= against_white { "#000000" } else { "#ffffff" };
    (format!("#{:x}", c), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |hex: &str| {
            let v = u32::from_str_radix(&hex[1..], 16).unwrap();
            let ch = |s: u32| {
                let s = f64::from(s & 0xff) / 255.0;
                if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * ch(v >> 16) + 0.7152 * ch(v >> 8) + 0.0722 * ch(v)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_cell_keeps_its_number_readable() {
        for step in 0..=40 {
            let mean = 1.0 + f64::from(step) * 0.1;
            let (background, text) = cell_colours(mean, 5.0);
            assert!(contrast(&background, text) >= 4.5, "mean {mean}: {background} / {text}");
        }
        assert_ne!(cell_colours(1.0, 5.0).0, cell_colours(5.0, 5.0).0);
        for step in -20..=20 {
            let (background, text) = difference_colours(f64::from(step) * 0.1, 1.0);
            assert!(contrast(&background, text) >= 4.5, "difference {step}: {background} / {text}");
        }
        assert_eq!(difference_colours(0.0, 1.0), cell_colours(3.0, 5.0), "no difference is the scale's middle");
        assert_eq!(difference_colours(-3.0, 1.0), cell_colours(1.0, 5.0), "clamped at the red end");
    }
}
