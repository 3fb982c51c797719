//! Bytes → ingest (as a text or an HTML file) → parse → validate → every output format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "r.txt",
        1 => "r.html",
        _ => "r.md",
    };
    if let Some(r) = nianbao_fuzz::report_from_bytes(name, bytes) {
        let mut reports = vec![r.clone(), r];
        reports[1].path = "r2.txt".into();
        nianbao::validate::validate_corpus(&mut reports);
        nianbao_fuzz::check_outputs(&reports);
    }
});
