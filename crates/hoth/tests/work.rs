//! Work grows with the input, never faster. A request of up to 64 KiB can hold thousands
//! of bad keys, and each costs a message, a suggestion and a pointer; a step that is
//! quadratic in the number of keys would make one hostile request cost seconds.
//!
//! Work is measured, not timed: this test binary's allocator counts the allocations and
//! the bytes allocated by the thread that screens (other test threads do not disturb it).
//! For each hostile shape the request is built with n, 4n and 16n bad parts; a linear
//! reader spends about four times as much from one step to the next, a quadratic one
//! sixteen times. The increments are compared, so fixed costs (the outcome's frame, the
//! ruleset's lookups) cancel.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hoth::Ruleset;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    // `try_with`: a thread being torn down has no counters left, and is not measured.
    let _ = ALLOCATIONS.try_with(|a| a.set(a.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What one screening of `request` costs this thread, and how many errors it reports.
fn work(request: &str) -> (u64, u64, usize) {
    assert!(request.len() < hoth::request::MAX_REQUEST_BYTES, "{} bytes: the shape must fit under the limit", request.len());
    let ruleset = Ruleset::tees();
    let (a0, b0) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    let errors = match hoth::screen_json(ruleset, request.as_bytes()) {
        Ok(_) => 0,
        Err(e) => e.errors.len(),
    };
    (ALLOCATIONS.with(Cell::get) - a0, BYTES.with(Cell::get) - b0, errors)
}

fn request(indicators: &str, top: &str, descriptors: &str) -> String {
    format!(
        r#"{{"local_authority":"hartlepool","child":{{"age_years":9}},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{{{indicators}}},"threshold_descriptors":[{descriptors}]{top}}}"#
    )
}

/// A hostile shape: n bad parts → the request and the number of errors it must report.
type Shape = fn(usize) -> (String, usize);

/// Each hostile shape, with what it is.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("unknown indicators (each gets a suggestion)", |n| {
            let keys: Vec<String> = (0..n).map(|i| format!("\"unknown_{i}\":\"yes\"")).collect();
            (request(&keys.join(","), "", ""), n)
        }),
        ("one indicator given again and again", |n| {
            // One pointer, so one error however often it is repeated; the work of finding
            // the repeats still grows with them.
            let keys = vec!["\"missing_overnight\":\"yes\""; n + 1];
            (request(&keys.join(","), "", ""), 1)
        }),
        ("unknown top-level fields", |n| {
            let keys: String = (0..n).map(|i| format!(",\"extra_{i}\":1")).collect();
            (request("", &keys, ""), n)
        }),
        ("descriptors that are not in the ruleset", |n| {
            let items: Vec<String> = (0..n).map(|i| format!("\"no_such_{i}\"")).collect();
            (request("", "", &items.join(",")), n)
        }),
        ("descriptors that are numbers, not ids", |n| {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            (request("", "", &items.join(",")), n)
        }),
    ]
}

#[test]
fn errors_grow_linearly_with_the_input() {
    // The first screening loads the embedded ruleset; that is not the request's work.
    let _ = work(&request("", "", ""));
    for (what, shape) in shapes() {
        let steps: Vec<[u64; 2]> = [100usize, 400, 1600]
            .iter()
            .map(|&n| {
                let (req, want) = shape(n);
                let (allocations, bytes, errors) = work(&req);
                assert_eq!(errors, want, "{what}, n = {n}: every bad part is reported once");
                [allocations, bytes]
            })
            .collect();
        for (m, name) in ["allocations", "bytes allocated"].into_iter().enumerate() {
            let (first, second) = (steps[1][m] - steps[0][m], steps[2][m] - steps[1][m]);
            assert!(first > 0, "{what}: {name} must grow with the input ({steps:?})");
            // Linear: the second increment is 4× the first (1200 more parts against 300);
            // quadratic would be 16×. Vec doubling and message lengths (ids grow from 3 to 4
            // digits) move it a little, so the bound is 5×.
            assert!(second <= 5 * first, "{what}: {name} grew faster than the input: +{first} then +{second} ({steps:?})");
        }
    }
}
