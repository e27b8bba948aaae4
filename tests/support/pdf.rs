//! Reading a PDF back and checking it against the scene it was written from.

use waypost::scene::Scene;

/// Checks page size, one URI annotation per link over its area (within 0.5 pt), every
/// `titles` entry present as extractable text, and embedded subset fonts. Returns what is
/// wrong, or nothing.
pub fn check(scene: &Scene, bytes: &[u8], titles: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("the PDF does not parse: {e}")],
    };
    let pages = doc.get_pages();
    if pages.len() != 1 {
        problems.push(format!("{} pages instead of 1", pages.len()));
    }
    let Some(&page_id) = pages.get(&1) else {
        return problems;
    };
    let page = doc.get_dictionary(page_id).unwrap();
    let numbers = |object: &lopdf::Object| -> Vec<f32> {
        object
            .as_array()
            .map(|a| a.iter().filter_map(|o| o.as_float().ok()).collect())
            .unwrap_or_default()
    };
    let media = page.get(b"MediaBox").map(numbers).unwrap_or_default();
    if media.len() != 4
        || (media[2] - scene.width).abs() > 0.01
        || (media[3] - scene.height).abs() > 0.01
    {
        problems.push(format!(
            "page size {media:?} instead of {} x {} pt",
            scene.width, scene.height
        ));
    }
    let resolve = |object: &lopdf::Object| -> Option<lopdf::Dictionary> {
        match object {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
            other => other.as_dict().ok().cloned(),
        }
    };
    let annots: Vec<lopdf::Dictionary> = page
        .get(b"Annots")
        .ok()
        .and_then(|a| a.as_array().ok())
        .map(|a| a.iter().filter_map(resolve).collect())
        .unwrap_or_default();
    let links = scene.links();
    if annots.len() != links.len() {
        problems.push(format!(
            "{} link annotations for {} links in the scene",
            annots.len(),
            links.len()
        ));
    }
    for (annot, link) in annots.iter().zip(&links) {
        let uri = annot.get(b"A").ok().and_then(resolve).and_then(|a| {
            a.get(b"URI")
                .ok()
                .and_then(|u| u.as_str().ok())
                .map(<[u8]>::to_vec)
        });
        if uri.as_deref() != Some(link.url.as_bytes()) {
            problems.push(format!(
                "a link annotation leads to {uri:?}, not {}",
                link.url
            ));
        }
        let rect = annot.get(b"Rect").map(numbers).unwrap_or_default();
        let expected = [
            link.rect.x,
            scene.height - link.rect.bottom(),
            link.rect.right(),
            scene.height - link.rect.y,
        ];
        let close = rect.len() == 4 && rect.iter().zip(expected).all(|(a, b)| (a - b).abs() <= 0.5);
        if !close {
            problems.push(format!(
                "the annotation for {} covers {rect:?}, not the card at {expected:?}",
                link.url
            ));
        }
    }
    let text = doc.extract_text(&[1]).unwrap_or_default();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for title in titles {
        let wanted = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if !flat.contains(&wanted) {
            problems.push(format!("{title:?} is not in the PDF's text"));
        }
    }
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        fonts += 1;
        if !dict.has(b"FontFile2") {
            problems.push("a font is not embedded".to_string());
        }
        let name = dict
            .get(b"FontName")
            .and_then(|n| n.as_name())
            .unwrap_or_default();
        if name.get(6) != Some(&b'+') {
            problems.push(format!(
                "font {} is not marked as a subset",
                String::from_utf8_lossy(name)
            ));
        }
    }
    if fonts == 0 {
        problems.push("no embedded font".to_string());
    }
    problems
}

/// The names of the fonts a PDF embeds (`/FontName` of each font descriptor, `TAG+Name`),
/// sorted: what `pdffonts` lists.
pub fn font_names(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let mut names: Vec<String> = (doc.objects.values())
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| {
            dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())
        })
        .filter_map(|dict| dict.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    names.sort();
    names
}
