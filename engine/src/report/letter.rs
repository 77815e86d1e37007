//! A decision letter ([`LetterView`]) laid out as self-contained HTML that prints to A4, and as
//! Markdown. The PDF is laid out from the same view by `kriterium-pdf`. Every text is escaped as
//! in reports (`escape.rs`): a title such as `<script>` is shown as written.

use super::escape::Format;
use super::layout::Page;
use crate::letter::{Block, LetterView, Section};

/// The report's stylesheet, shared so a letter looks like the reports it belongs with.
const STYLE: &str = include_str!("../../templates/style.css");
/// What a letter adds: a printed page, the letterhead, the appendix on a new page.
const LETTER_STYLE: &str = include_str!("../../templates/letter.css");

/// The letter as one self-contained HTML page.
pub fn letter_html(view: &LetterView) -> String {
    let mut p = Page::new(Format::Html, &view.lang, 16 * 1024 + STYLE.len());
    p.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(&view.lang)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .text(&view.title)
        .raw("</title>\n<style>\n")
        .raw(STYLE)
        .raw(LETTER_STYLE)
        .raw("</style>\n</head>\n<body class=\"letter\">\n<main>\n<header class=\"letterhead\">\n");
    p.raw("<address class=\"sender\">");
    lines_html(&mut p, &view.sender);
    p.raw("</address>\n<address class=\"recipient\">");
    lines_html(&mut p, &view.recipient);
    p.raw("</address>\n<dl class=\"facts\">\n<dt>")
        .text(&view.labels.date)
        .raw("</dt><dd><time datetime=\"")
        .text(&view.date)
        .raw("\">")
        .text(&view.date_text)
        .raw("</time></dd>\n<dt>")
        .text(&view.labels.case)
        .raw("</dt><dd>")
        .text(&view.case_number)
        .raw("</dd>\n</dl>\n</header>\n<h1>")
        .text(&view.title)
        .raw("</h1>\n");
    for section in &view.sections {
        section_html(&mut p, section);
    }
    p.raw("<p class=\"signature\">");
    lines_html(&mut p, &view.signature);
    p.raw("</p>\n");
    if !view.appendix.is_empty() {
        p.raw("<div class=\"appendix\">\n<p class=\"kicker\">")
            .text(&view.labels.appendix)
            .raw("</p>\n");
        for section in &view.appendix {
            section_html(&mut p, section);
        }
        p.raw("</div>\n");
    }
    p.raw("</main>\n</body>\n</html>\n");
    p.finish()
}

fn lines_html(p: &mut Page<'_>, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            p.raw("<br>");
        }
        p.text(line);
    }
}

fn section_html(p: &mut Page<'_>, section: &Section) {
    p.raw("<section>\n<h2>")
        .text(&section.heading)
        .raw("</h2>\n");
    for block in &section.blocks {
        match block {
            Block::Paragraph(text) => {
                p.raw("<p>");
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines_html(p, &lines);
                p.raw("</p>\n");
            }
            Block::List(items) => {
                p.raw("<ul>\n");
                for item in items {
                    p.raw("<li>").text(item).raw("</li>\n");
                }
                p.raw("</ul>\n");
            }
            Block::Table(table) => {
                // As the reports' tables: a card per row on a phone (`table.stack`, each cell
                // labelled with its column), the row named by its first text column.
                let name_column = table.align.iter().position(|a| *a == "left");
                p.raw("<div class=\"table-wrap\"><table class=\"stack\">\n<thead><tr>");
                for (i, head) in table.header.iter().enumerate() {
                    p.raw("<th scope=\"col\"")
                        .raw(num_class(table.align.get(i)))
                        .raw(">")
                        .text(head)
                        .raw("</th>");
                }
                p.raw("</tr></thead>\n<tbody>\n");
                for row in &table.rows {
                    p.raw("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        if Some(i) == name_column {
                            p.raw("<th scope=\"row\">").text(cell).raw("</th>");
                            continue;
                        }
                        p.raw("<td")
                            .raw(num_class(table.align.get(i)))
                            .raw(" data-label=\"")
                            .text(table.header.get(i).map_or("", String::as_str))
                            .raw("\">")
                            .text(cell)
                            .raw("</td>");
                    }
                    p.raw("</tr>\n");
                }
                p.raw("</tbody>\n</table></div>\n");
            }
        }
    }
    p.raw("</section>\n");
}

/// The class of a cell in a right-aligned (numeric) column, as reports mark numbers.
fn num_class(align: Option<&&str>) -> &'static str {
    if align == Some(&"right") {
        " class=\"num\""
    } else {
        ""
    }
}

/// The letter as Markdown.
pub fn letter_markdown(view: &LetterView) -> String {
    let mut p = Page::new(Format::Markdown, &view.lang, 16 * 1024);
    lines_markdown(&mut p, &view.sender);
    p.raw("\n");
    lines_markdown(&mut p, &view.recipient);
    p.raw("\n- **")
        .text(&view.labels.date)
        .raw(":** ")
        .text(&view.date_text)
        .raw("\n- **")
        .text(&view.labels.case)
        .raw(":** ")
        .text(&view.case_number)
        .raw("\n\n# ")
        .text(&view.title)
        .raw("\n\n");
    for section in &view.sections {
        section_markdown(&mut p, section, "##");
    }
    lines_markdown(&mut p, &view.signature);
    for section in &view.appendix {
        p.raw("\n---\n\n");
        section_markdown(&mut p, section, "##");
    }
    p.finish()
}

/// Lines kept as lines (a hard break at each end), a paragraph after them.
fn lines_markdown(p: &mut Page<'_>, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        if i + 1 < lines.len() {
            p.text(line).raw("  \n");
        } else {
            p.text(line).raw("\n");
        }
    }
}

fn section_markdown(p: &mut Page<'_>, section: &Section, level: &str) {
    p.raw(level).raw(" ").text(&section.heading).raw("\n\n");
    for block in &section.blocks {
        match block {
            Block::Paragraph(text) => {
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines_markdown(p, &lines);
                p.raw("\n");
            }
            Block::List(items) => {
                for item in items {
                    p.raw("- ").text(item).raw("\n");
                }
                p.raw("\n");
            }
            Block::Table(table) => {
                p.raw("|");
                for head in &table.header {
                    p.raw(" ").text(head).raw(" |");
                }
                p.raw("\n|");
                for i in 0..table.header.len() {
                    p.raw(match table.align.get(i) {
                        Some(&"right") => " ---: |",
                        _ => " --- |",
                    });
                }
                p.raw("\n");
                for row in &table.rows {
                    p.raw("|");
                    for cell in row {
                        p.raw(" ").text(cell).raw(" |");
                    }
                    p.raw("\n");
                }
                p.raw("\n");
            }
        }
    }
}
