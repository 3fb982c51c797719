//! Text → parse → validate (no decoding in the way).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::model::SourceFormat;

fuzz_target!(|text: &str| {
    let format = if text.len() % 2 == 0 {
        SourceFormat::Text
    } else {
        SourceFormat::Markdown
    };
    let r = nianbao_fuzz::report_from_text(text.to_string(), format);
    nianbao_fuzz::check_outputs(std::slice::from_ref(&r));
});
