//! The `pdf-extract` glyph source: glyph positions from its output callback, table rulings
//! from the paths it strokes and fills. The library panics on some fonts (an Adobe-GB1 font
//! in GBK-EUC-H without a Unicode map, among others): every call into it runs inside
//! `catch_unwind`, with the panic message kept from the terminal.

use super::{Glyph, GlyphSource, Page, PdfError, Rule};
use pdf_extract::{
    ColorSpace, Document, MediaBox, OutputDev, OutputError, Path, PathOp, Transform,
};
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// Strokes and fills thinner than this (points) are table rulings.
const RULE_MAX_THICKNESS: f64 = 2.5;
/// Rulings shorter than this (points) are ticks or glyph parts, not borders.
const RULE_MIN_LENGTH: f64 = 4.0;

/// Glyphs and rulings through `pdf-extract` (MIT), whose re-exported `lopdf` parses the file.
#[derive(Debug, Default, Clone, Copy)]
pub struct PdfExtract;

impl GlyphSource for PdfExtract {
    fn pages(&self, bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
        quiet_panics();
        let run = panic::catch_unwind(AssertUnwindSafe(|| read(bytes)));
        QUIET.with(|q| q.set(false));
        match run {
            Ok(r) => r,
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("");
                Err(PdfError::Library(msg.chars().take(120).collect()))
            }
        }
    }
}

thread_local! {
    /// Set while this thread is inside the library: its panics are caught, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Wrap the panic hook once so that panics inside the library print nothing (the terminal
/// may be in raw mode); any other panic goes to the hook that was there before.
fn quiet_panics() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
}

fn read(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| classify_load_error(&e.to_string()))?;
    if doc.is_encrypted() {
        // Many exports are "encrypted" with an empty user password (permissions only).
        if doc.decrypt("").is_err() {
            return Err(PdfError::Encrypted);
        }
    }
    let mut out = Collector::default();
    pdf_extract::output_doc(&doc, &mut out).map_err(|e| match e {
        OutputError::PdfError(e) => classify_load_error(&e.to_string()),
        other => PdfError::Damaged(other.to_string()),
    })?;
    out.finish_page();
    Ok(out.pages)
}

fn classify_load_error(msg: &str) -> PdfError {
    let lower = msg.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        PdfError::Encrypted
    } else {
        PdfError::Damaged(msg.chars().take(120).collect())
    }
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    page: Option<Page>,
    /// Page height, to turn PDF space (y up) into page space (y down).
    height: f64,
}

impl Collector {
    fn finish_page(&mut self) {
        if let Some(p) = self.page.take() {
            self.pages.push(p);
        }
    }

    fn flip(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px, self.height - py)
    }

    fn push_rule(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        let rule = if dy < 0.5 && dx >= RULE_MIN_LENGTH {
            Rule::horizontal(
                ((y0 + y1) / 2.0) as f32,
                x0.min(x1) as f32,
                x0.max(x1) as f32,
            )
        } else if dx < 0.5 && dy >= RULE_MIN_LENGTH {
            Rule::vertical(
                ((x0 + x1) / 2.0) as f32,
                y0.min(y1) as f32,
                y0.max(y1) as f32,
            )
        } else {
            return;
        };
        if let Some(p) = self.page.as_mut() {
            p.rules.push(rule);
        }
    }
}

/// White paint (page backgrounds, cell shading cleared) draws no border.
fn is_white(cs: &ColorSpace, color: &[f64]) -> bool {
    match cs {
        ColorSpace::DeviceGray | ColorSpace::DeviceRGB => {
            !color.is_empty() && color.iter().all(|&c| c > 0.95)
        }
        ColorSpace::DeviceCMYK => !color.is_empty() && color.iter().all(|&c| c < 0.05),
        _ => false,
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        self.height = media_box.ury - media_box.lly;
        self.page = Some(Page {
            number: page_num,
            width: (media_box.urx - media_box.llx) as f32,
            height: self.height as f32,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let (vx, vy) = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        let advance = (width * size).max(size * 0.2);
        if let Some(p) = self.page.as_mut() {
            p.glyphs.push(Glyph {
                text: ch.into(),
                x0: x as f32,
                x1: (x + advance) as f32,
                top: (y - size * 0.86) as f32,
                bottom: (y + size * 0.14) as f32,
                size: size as f32,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        cs: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if is_white(cs, color) {
            return Ok(());
        }
        let mut start: Option<(f64, f64)> = None;
        let mut at: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.flip(ctm, x, y);
                    start = Some(p);
                    at = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.flip(ctm, x, y);
                    if let Some(a) = at {
                        self.push_rule(a, p);
                    }
                    at = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => at = Some(self.flip(ctm, x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let c = [
                        self.flip(ctm, x, y),
                        self.flip(ctm, x + w, y),
                        self.flip(ctm, x + w, y + h),
                        self.flip(ctm, x, y + h),
                    ];
                    for i in 0..4 {
                        self.push_rule(c[i], c[(i + 1) % 4]);
                    }
                }
                PathOp::Close => {
                    if let (Some(a), Some(s)) = (at, start) {
                        self.push_rule(a, s);
                    }
                    at = start;
                }
            }
        }
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        cs: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if is_white(cs, color) {
            return Ok(());
        }
        // A thin filled rectangle is a ruling (Chromium draws every border so); a
        // closed four-point path is a rectangle too.
        let mut rects: Vec<[(f64, f64); 2]> = Vec::new();
        let mut poly: Vec<(f64, f64)> = Vec::new();
        let flush = |poly: &mut Vec<(f64, f64)>, rects: &mut Vec<[(f64, f64); 2]>| {
            if poly.len() >= 4 && poly.len() <= 5 {
                let xs = poly.iter().map(|p| p.0);
                let ys = poly.iter().map(|p| p.1);
                let (x0, x1) = (
                    xs.clone().fold(f64::MAX, f64::min),
                    xs.fold(f64::MIN, f64::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f64::MAX, f64::min),
                    ys.fold(f64::MIN, f64::max),
                );
                let axis = poly.iter().all(|p| {
                    ((p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5)
                        && ((p.1 - y0).abs() < 0.5 || (p.1 - y1).abs() < 0.5)
                });
                if axis {
                    rects.push([(x0, y0), (x1, y1)]);
                }
            }
            poly.clear();
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    flush(&mut poly, &mut rects);
                    poly.push(self.flip(ctm, x, y));
                }
                PathOp::LineTo(x, y) => poly.push(self.flip(ctm, x, y)),
                PathOp::CurveTo(..) => poly.clear(),
                PathOp::Close => flush(&mut poly, &mut rects),
                PathOp::Rect(x, y, w, h) => {
                    flush(&mut poly, &mut rects);
                    let a = self.flip(ctm, x, y);
                    let b = self.flip(ctm, x + w, y + h);
                    rects.push([a, b]);
                }
            }
        }
        flush(&mut poly, &mut rects);
        for [(ax, ay), (bx, by)] in rects {
            let (x0, x1) = (ax.min(bx), ax.max(bx));
            let (y0, y1) = (ay.min(by), ay.max(by));
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= RULE_MAX_THICKNESS && w >= RULE_MIN_LENGTH {
                let y = (y0 + y1) / 2.0;
                self.push_rule((x0, y), (x1, y));
            } else if w <= RULE_MAX_THICKNESS && h >= RULE_MIN_LENGTH {
                let x = (x0 + x1) / 2.0;
                self.push_rule((x, y0), (x, y1));
            }
        }
        Ok(())
    }
}
