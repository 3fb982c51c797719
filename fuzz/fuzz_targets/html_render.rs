//! HTML → render (bounded) → parse → validate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::html::{MAX_GROWTH, MAX_RENDERED_BYTES, render_checked};
use nianbao::model::SourceFormat;

fuzz_target!(|html: &str| {
    let Ok(text) = render_checked(html) else {
        return;
    };
    // The bound holds: tables within the budget, the rest no longer than the page.
    let budget = (html.len() * MAX_GROWTH).clamp(1024 * 1024, MAX_RENDERED_BYTES);
    assert!(
        text.len() <= budget + 4 * html.len() + 64,
        "{} bytes rendered from {}",
        text.len(),
        html.len()
    );
    let r = nianbao_fuzz::report_from_text(text, SourceFormat::Html);
    nianbao_fuzz::check_outputs(std::slice::from_ref(&r));
});
