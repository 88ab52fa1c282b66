//! Extends the embedded knowledge with your own files: a leader and two concepts it lacks.
//!
//! ```text
//! cargo run --release --example custom_lexicon
//! ```
//!
//! The files (`examples/data/custom_people.txt`, `examples/data/custom_concepts.txt`) use the
//! formats of `data/people.txt` and `data/concepts.txt`; entries with an existing id override it.

use event_dedup::{Lang, Matcher, Report};

fn main() -> Result<(), event_dedup::Error> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let people_file = dir.join("custom_people.txt");
    let concepts_file = dir.join("custom_concepts.txt");

    let text = "Vladimir Putin and Mongolian President Ukhnaagiin Khürelsükh discussed the Power of Siberia 2 \
                gas pipeline and lithium mining in Ulaanbaatar on Tuesday.";
    let report = Report::builder("mn-1", text).lang(Lang::En).published("2024-09-04")?.build()?;

    let plain = Matcher::new()?;
    let f = plain.fingerprint(&report);
    println!("embedded knowledge only:");
    println!("  participants: {:?}", f.participants());
    println!("  concepts:     {:?}", f.concepts().collect::<Vec<_>>());

    // The builder reads the same formats as the embedded files; a malformed line is a typed error
    // naming the file and the line.
    let custom = Matcher::builder()
        .add_people(people_file.display().to_string(), std::fs::read_to_string(&people_file)?)
        .add_concepts(concepts_file.display().to_string(), std::fs::read_to_string(&concepts_file)?)
        .build()?;
    let f = custom.fingerprint(&report);
    println!("with the custom files:");
    println!("  participants: {:?}", f.participants());
    println!("  concepts:     {:?}", f.concepts().collect::<Vec<_>>());
    assert!(f.participants().iter().any(|p| p == "khurelsukh"));
    assert!(f.concepts().any(|c| c == "lithium"));

    // "The Mongolian president" now resolves to the new office holder too.
    let titled =
        Report::builder("mn-2", "Il presidente mongolo ha sentito oggi Vladimir Putin.").lang(Lang::It).published("2024-09-04")?.build()?;
    println!("'il presidente mongolo' in 2024: {:?}", custom.fingerprint(&titled).participants());

    match Matcher::builder().add_concepts("broken.txt", "lithium | topic | only one column").build() {
        Err(e) => println!("a malformed file: {e}"),
        Ok(_) => unreachable!("a malformed line is rejected"),
    }
    Ok(())
}
