//! Page furniture: the lines of a page that are not the report (photo captions and credits,
//! bylines, "updated at", "read also", cookie and subscription notices, lists of related
//! headlines). Their dates and names are not the event's.
//!
//! A list of related headlines is told from body text by the shape of its block: several
//! consecutive short lines without sentence punctuation, most with a number or date of their
//! own. Its first character decides nothing: a body paragraph that begins with a dash is body text.

use std::collections::BTreeSet;

use crate::lang::cues::Word;
use crate::text::{TokenKind, Tokens};

/// At most this many words make a line short enough to be a headline, a credit or a byline.
const HEADLINE_WORDS: usize = 16;
/// A byline ("By John Smith", "di Mario Rossi") is at most this many words.
const BYLINE_WORDS: usize = 6;
/// A caption with its credit is at most this many words.
const CAPTION_WORDS: usize = 40;
/// A line that begins with a furniture cue ("Read also", "Aggiornato") is furniture up to this length.
const FURNITURE_WORDS: usize = 30;

/// What the shape of one line says.
#[derive(Debug, Clone, Copy)]
struct Line {
    number: u32,
    first: usize,
    words: usize,
    /// Ends with `.`, `!`, `?` or `…` (closing quotes and brackets aside).
    sentence_end: bool,
    /// Begins with a list marker: a bullet, a dash, or `1.` / `1)`.
    marker: bool,
    /// Holds a number or a month name.
    dated: bool,
    furniture: bool,
}

fn is_marker(tokens: &Tokens, first: usize) -> bool {
    let t = &tokens[first];
    matches!(t.kind, TokenKind::Punct('-' | '•' | '*' | '–' | '—' | '·' | '►' | '▪'))
        || (t.number().is_some()
            && tokens.get(first + 1).is_some_and(|n| n.is_punct('.') || n.is_punct(')'))
            && tokens.get(first + 2).is_some_and(|n| n.line == t.line))
}

/// The lines of `tokens` that are page furniture. `words` are the cue words found in them.
pub(crate) fn noise_lines(tokens: &Tokens, words: &[(usize, usize, Word)]) -> BTreeSet<u32> {
    let mut noise = BTreeSet::new();
    let mut lines: Vec<Line> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if i == 0 || t.line != tokens[i - 1].line {
            lines.push(Line {
                number: t.line,
                first: i,
                words: 0,
                sentence_end: false,
                marker: is_marker(tokens, i),
                dated: false,
                furniture: false,
            });
        }
        let line = lines.last_mut().expect("a line was pushed");
        if !matches!(t.kind, TokenKind::Punct(_)) {
            line.words += 1;
        }
        line.dated |= t.kind == TokenKind::Number;
        if let TokenKind::Punct(c) = t.kind {
            if !matches!(c, '"' | '\'' | '»' | '«' | '”' | '“' | ')' | ']' | '’') {
                line.sentence_end = matches!(c, '.' | '!' | '?' | '…');
            }
        } else {
            line.sentence_end = false;
        }
    }
    let line_words: Vec<usize> = lines.iter().map(|l| l.words).collect();
    for &(s, e, w) in words {
        let k = lines.partition_point(|l| l.first <= s) - 1;
        let line = &mut lines[k];
        let at_start = s == line.first || (line.marker && s == line.first + 1);
        match w {
            Word::Month(_) => line.dated = true,
            Word::Furniture if at_start && line.words <= FURNITURE_WORDS => line.furniture = true,
            // A credit ends a caption: the line is short. In a long paragraph the same word is the
            // body's own ("(fonte: Cremlino)").
            Word::Caption
                if at_start
                    || line_words[k] <= CAPTION_WORDS
                        && (tokens.get(e).is_some_and(|n| n.is_punct(':')) || s > 0 && tokens[s - 1].is_punct('(')) =>
            {
                line.furniture = true
            }
            Word::Byline if at_start && line.words <= BYLINE_WORDS && !line.sentence_end => line.furniture = true,
            Word::PageNotice => line.furniture = true,
            _ => {}
        }
    }
    for line in &lines {
        if line.furniture {
            noise.insert(line.number);
        }
    }
    // Blocks of consecutive short lines (one blank line between them at most).
    let item = |l: &Line| l.words <= HEADLINE_WORDS && (!l.sentence_end || l.marker) || l.furniture;
    let mut k = 0;
    while k < lines.len() {
        if !item(&lines[k]) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < lines.len() && item(&lines[end]) && lines[end].number <= lines[end - 1].number + 2 {
            end += 1;
        }
        let block = &lines[k..end];
        let listed = block.iter().filter(|l| l.dated || l.marker).count();
        let headed = block.iter().any(|l| l.furniture);
        // The top of the text is its headline or dateline, not a list of other stories.
        let at_top = k == 0;
        if (headed || listed >= 2 && block.len() >= 2) && !at_top {
            noise.extend(block.iter().map(|l| l.number));
        }
        k = end;
    }
    noise
}
