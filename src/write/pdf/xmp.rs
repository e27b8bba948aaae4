//! The XMP metadata packet: the document's title, language and authorship in the form
//! PDF/UA asks for, with the `pdfuaid:part` claim that the file is PDF/UA-1.
//!
//! printpdf's own packet is only written for its PDF/A settings, carries clock dates and
//! does not escape `&` or `<`, so waypost writes its own, from the same metadata as the
//! document information dictionary and without anything that changes between runs.

use crate::scene::{Date, Metadata};
use crate::write::escape::escape;
use std::fmt::Write;

/// The XMP packet for a document with `metadata`.
pub(super) fn packet(metadata: &Metadata) -> String {
    let escaped = |text: &str| {
        let mut out = String::new();
        escape(text, &mut out);
        out
    };
    let mut fields = String::new();
    let mut add = |name: &str, value: &str| {
        let _ = write!(fields, "\n   <{name}>{value}</{name}>");
    };
    let alt = |text: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            escaped(text)
        )
    };
    add("dc:format", "application/pdf");
    add("dc:title", &alt(&metadata.title));
    if !metadata.subject.is_empty() {
        add("dc:description", &alt(&metadata.subject));
    }
    if !metadata.author.is_empty() {
        let seq = format!(
            "<rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq>",
            escaped(&metadata.author)
        );
        add("dc:creator", &seq);
    }
    if !metadata.language.is_empty() {
        let bag = format!(
            "<rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag>",
            escaped(&metadata.language)
        );
        add("dc:language", &bag);
    }
    if let Some(date) = metadata.date {
        add("xmp:CreateDate", &xmp_date(date));
        add("xmp:ModifyDate", &xmp_date(date));
    }
    add("xmp:CreatorTool", "waypost");
    add("pdf:Producer", "waypost");
    add("pdfuaid:part", "1");
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"
    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">{fields}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"r\"?>"
    )
}

/// An XMP date with only the precision the date has: `2026`, `2026-11` or `2026-11-30`.
fn xmp_date(date: Date) -> String {
    let mut out = format!("{:04}", date.year());
    for part in [date.month(), date.day()].into_iter().flatten() {
        let _ = write!(out, "-{part:02}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_is_xml_with_the_title_and_the_pdfua_claim() {
        let metadata = Metadata {
            title: "Roadmap <one> & \"two\"".to_string(),
            subject: "Llwybr ŵ".to_string(),
            author: String::new(),
            language: "cy".to_string(),
            date: Date::parse("2026-11"),
        };
        let xmp = packet(&metadata);
        let doc = roxmltree::Document::parse(&xmp).expect("the packet is well-formed XML");
        let text_of = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .map(|n| {
                    (n.descendants().filter(|d| d.is_text()))
                        .filter_map(|d| d.text())
                        .collect::<String>()
                })
        };
        assert_eq!(text_of("title").as_deref(), Some(metadata.title.as_str()));
        assert_eq!(text_of("description").as_deref(), Some("Llwybr ŵ"));
        assert_eq!(text_of("language").as_deref(), Some("cy"));
        assert_eq!(text_of("part").as_deref(), Some("1"));
        assert_eq!(text_of("CreateDate").as_deref(), Some("2026-11"));
        assert_eq!(text_of("creator"), None);
        let part = doc.descendants().find(|n| n.tag_name().name() == "part");
        let ns = part.and_then(|n| n.tag_name().namespace());
        assert_eq!(ns, Some("http://www.aiim.org/pdfua/ns/id/"));
    }
}
