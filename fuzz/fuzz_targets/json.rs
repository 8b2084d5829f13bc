//! The engine's JSON reader against serde_json on arbitrary bytes: the same documents are
//! accepted, and they mean the same thing. Two known, documented differences: serde_json
//! refuses numbers beyond f64 (`1e400`; the engine keeps numbers as text and refuses them
//! later as not whole), and it refuses nesting one level sooner.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ours = hoth::json::parse_bytes(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    match (ours, theirs) {
        (Ok(v), Ok(t)) => {
            // Our compact writing, read back by serde_json, is serde_json's own reading
            // (duplicate keys: both keep the last).
            let again: serde_json::Value = serde_json::from_str(&v.to_string()).expect("our output is JSON");
            assert_eq!(again, t, "different meaning for {:?}", String::from_utf8_lossy(data));
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => {
            let m = e.to_string();
            assert!(m.contains("number out of range") || m.contains("recursion limit"), "we accept what serde_json refuses ({m}): {:?}", String::from_utf8_lossy(data));
        }
        (Err(e), Ok(_)) => panic!("we refuse what serde_json accepts ({}): {:?}", e.message, String::from_utf8_lossy(data)),
    }
});
