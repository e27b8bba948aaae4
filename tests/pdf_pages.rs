//! Several scenes written as one PDF ([`pdf::write_pages`]), read back with lopdf and, where
//! they are installed, with poppler's `pdfinfo` and `pdftotext` and the `pdfua` checker.
//!
//! The documents are the same roadmap laid out twice (the road and the columns preset),
//! and two different roadmaps (one with faces and logos of its own). Each must be a page
//! per scene with that scene's links on it, one structure tree that reads the first page's
//! content and then the second's, keys into the parent tree that never collide, one font
//! object per face and one XObject per image whatever the number of pages, page labels
//! only when there are several pages, and sheets on every page. Page furniture (text of
//! [`Role::Pagination`]) must be drawn but never read.
//!
//! The PDFs are left in `target/tmp/pdf_pages/` to look at.
#![cfg(feature = "pdf")]

mod support;

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use waypost::layout::{layout, Preset};
use waypost::scene::{Bleed, Item, Role, Scene};
use waypost::write::pdf;

/// An example laid out with a built-in preset.
fn scene(example: &str, preset: &str) -> Scene {
    let roadmap = support::parse_file(&support::root().join("examples").join(example));
    let preset = Preset::builtin(preset).expect("built in");
    layout(&roadmap, &preset, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// link-worker-training.toml on the road, then in columns.
fn two_layouts() -> Vec<Scene> {
    let example = "link-worker-training.toml";
    vec![scene(example, "road"), scene(example, "columns")]
}

/// link-worker-training.toml, then welsh-and-custom-tags.toml, on the road: two pages
/// that read differently.
fn two_roadmaps() -> Vec<Scene> {
    let preset = "road";
    vec![
        scene("link-worker-training.toml", preset),
        scene("welsh-and-custom-tags.toml", preset),
    ]
}

/// Writes the pages, leaves the PDF in `target/tmp/pdf_pages/NAME.pdf` and returns its
/// bytes and path. Each test names its files apart, as tests run at the same time.
fn written(name: &str, pages: &[Scene]) -> (Vec<u8>, PathBuf) {
    let bytes = pdf::write_pages(pages).unwrap_or_else(|e| panic!("{name}: {e}"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_pages");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &bytes).unwrap();
    (bytes, path)
}

fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

fn dict(doc: &Document, id: ObjectId) -> &lopdf::Dictionary {
    doc.get_dictionary(id).unwrap()
}

/// The page objects, in page order.
fn page_ids(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().into_values().collect()
}

/// A page's link annotation objects, in page order.
fn annotations(doc: &Document, page: ObjectId) -> Vec<ObjectId> {
    let annots = dict(doc, page).get(b"Annots").and_then(Object::as_array);
    (annots.map(Vec::as_slice).unwrap_or_default().iter())
        .map(|a| a.as_reference().expect("annotations are objects"))
        .collect()
}

fn uri(doc: &Document, annotation: ObjectId) -> String {
    let action = dict(doc, annotation).get(b"A").unwrap();
    let action = match action {
        Object::Reference(id) => dict(doc, *id),
        other => other.as_dict().unwrap(),
    };
    String::from_utf8(action.get(b"URI").unwrap().as_str().unwrap().to_vec()).unwrap()
}

fn int(dict: &lopdf::Dictionary, key: &[u8]) -> Option<i64> {
    dict.get(key).and_then(Object::as_i64).ok()
}

/// The structure tree root.
fn struct_root(doc: &Document) -> &lopdf::Dictionary {
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    dict(doc, root.as_reference().unwrap())
}

/// The parent tree's `/Nums`, key by key, in the order written.
fn parent_tree(doc: &Document) -> Vec<(i64, Object)> {
    let tree = struct_root(doc)
        .get(b"ParentTree")
        .unwrap()
        .as_dict()
        .unwrap();
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    (nums.chunks(2))
        .map(|pair| (pair[0].as_i64().unwrap(), pair[1].clone()))
        .collect()
}

/// What the structure tree holds, in reading order.
#[derive(Debug, Default)]
struct Tree {
    /// Each element: its type and the page its `/Pg` names.
    elements: Vec<(String, Option<ObjectId>)>,
    /// Each MCID kid: the page it is on (its element's `/Pg`), the MCID and its element.
    mcids: Vec<(ObjectId, i64, ObjectId)>,
    /// Each annotation kid (`/OBJR`): the annotation, its `/Pg`, and its element.
    annotations: Vec<(ObjectId, ObjectId, ObjectId)>,
}

fn tree(doc: &Document) -> Tree {
    fn walk(doc: &Document, id: ObjectId, tree: &mut Tree) {
        let element = dict(doc, id);
        let kind = element.get(b"S").unwrap().as_name().unwrap();
        let page = element.get(b"Pg").and_then(Object::as_reference).ok();
        tree.elements
            .push((String::from_utf8_lossy(kind).into_owned(), page));
        let kids = match element.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        for kid in kids {
            match kid {
                Object::Integer(mcid) => tree.mcids.push((page.unwrap(), mcid, id)),
                Object::Reference(child) => walk(doc, child, tree),
                Object::Dictionary(objr) => {
                    let annotation = objr.get(b"Obj").unwrap().as_reference().unwrap();
                    let page = objr.get(b"Pg").unwrap().as_reference().unwrap();
                    tree.annotations.push((annotation, page, id));
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
    let mut tree = Tree::default();
    let kids = struct_root(doc)
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    for kid in kids {
        walk(doc, kid.as_reference().unwrap(), &mut tree);
    }
    tree
}

/// The marked-content sequences of a page's content, in order: each sequence's tag, its
/// MCID if it has one, its `/Type` if it has one, and whether it shows text.
fn sequences(doc: &Document, page: ObjectId) -> Vec<(String, Option<i64>, Option<String>, bool)> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut out = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let tag = op.operands[0].as_name().unwrap();
                let properties = op.operands.get(1).and_then(|p| p.as_dict().ok());
                let mcid = properties.and_then(|p| int(p, b"MCID"));
                let kind = (properties.and_then(|p| p.get(b"Type").ok()))
                    .and_then(|t| t.as_name().ok())
                    .map(|t| String::from_utf8_lossy(t).into_owned());
                out.push((String::from_utf8_lossy(tag).into_owned(), mcid, kind, false));
            }
            "Tj" | "TJ" => {
                if let Some(last) = out.last_mut() {
                    last.3 = true;
                }
            }
            _ => {}
        }
    }
    out
}

/// What a poppler tool writes to standard output, or `None` when it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output();
    let Ok(output) = output else {
        eprintln!("{tool} is not installed: its check is skipped");
        return None;
    };
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn every_page_is_written_with_its_own_links() {
    let pages = two_layouts();
    let (bytes, path) = written("two-layouts", &pages);
    let doc = load(&bytes);
    let ids = page_ids(&doc);
    assert_eq!(ids.len(), 2);
    let mut all = BTreeSet::new();
    for (i, (&page, scene)) in ids.iter().zip(&pages).enumerate() {
        let annotations = annotations(&doc, page);
        let uris: Vec<String> = annotations.iter().map(|&a| uri(&doc, a)).collect();
        let expected: Vec<&str> = scene.links().iter().map(|l| l.url.as_str()).collect();
        assert!(!expected.is_empty());
        assert_eq!(uris, expected, "the links of page {}", i + 1);
        for annotation in annotations {
            assert!(all.insert(annotation), "an annotation on two pages");
            // The annotation says which page it is on, as PDF/UA asks.
            let on = dict(&doc, annotation)
                .get(b"P")
                .and_then(Object::as_reference);
            assert!(on.is_err() || on.ok() == Some(page));
        }
        let media = dict(&doc, page)
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap();
        let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
        assert_eq!(size, [0.0, 0.0, scene.width, scene.height]);
    }
    if let Some(info) = poppler("pdfinfo", &[], &path) {
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().eq(["Pages:", "2"])),
            "{info}"
        );
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().eq(["Tagged:", "yes"])),
            "{info}"
        );
    }
    if let Some(urls) = poppler("pdfinfo", &["-url"], &path) {
        for (number, scene) in (1..).zip(&pages) {
            let listed: Vec<&str> = (urls.lines().skip(1))
                .filter_map(|line| {
                    let mut fields = line.split_whitespace();
                    let page: usize = fields.next()?.parse().ok()?;
                    (page == number).then(|| fields.nth(1)).flatten()
                })
                .collect();
            let expected: Vec<&str> = scene.links().iter().map(|l| l.url.as_str()).collect();
            assert_eq!(listed, expected, "poppler's links of page {number}");
        }
    }
}

/// `pdfinfo -struct-text` without its first line, the Document element, and with the
/// annotations' object numbers left out.
fn struct_text_below_document(pdf: &Path) -> Option<String> {
    let text = poppler("pdfinfo", &["-struct-text"], pdf)?;
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Document"));
    let lines = lines.map(|line| match line.trim_start().strip_prefix("Object ") {
        Some(_) => "Object",
        None => line,
    });
    Some(lines.map(|line| format!("{line}\n")).collect())
}

#[test]
fn one_structure_tree_reads_the_first_page_then_the_second() {
    let pages = two_roadmaps();
    let (bytes, path) = written("reading-order", &pages);
    let doc = load(&bytes);
    let ids = page_ids(&doc);
    let tree = tree(&doc);
    assert_eq!(tree.elements[0].0, "Document");
    assert_eq!(
        tree.elements.iter().filter(|e| e.0 == "Document").count(),
        1
    );

    // The pages' keys into the parent tree are their indices; the MCIDs of each page run
    // from 0, and each is held once, by an element on that page, which the parent tree
    // gives back.
    let parents = parent_tree(&doc);
    let keys: Vec<i64> = parents.iter().map(|(key, _)| *key).collect();
    let expected_keys: Vec<i64> = (0..keys.len() as i64).collect();
    assert_eq!(
        keys, expected_keys,
        "the keys are 0, 1, … in order, each once"
    );
    assert_eq!(
        int(struct_root(&doc), b"ParentTreeNextKey"),
        Some(keys.len() as i64)
    );
    for (index, &page) in ids.iter().enumerate() {
        assert_eq!(int(dict(&doc, page), b"StructParents"), Some(index as i64));
        let marked: Vec<i64> = (sequences(&doc, page).into_iter())
            .filter_map(|(_, mcid, _, _)| mcid)
            .collect();
        assert!(!marked.is_empty());
        assert_eq!(marked, (0..marked.len() as i64).collect::<Vec<_>>());
        let held: BTreeMap<i64, ObjectId> = (tree.mcids.iter())
            .filter(|(on, _, _)| *on == page)
            .map(|&(_, mcid, element)| (mcid, element))
            .collect();
        let held_count = tree.mcids.iter().filter(|(on, ..)| *on == page).count();
        assert_eq!(
            held_count,
            marked.len(),
            "page {} MCIDs held once each",
            index + 1
        );
        assert_eq!(held.keys().copied().collect::<Vec<_>>(), marked);
        let (_, Object::Array(entries)) = &parents[index] else {
            panic!("page {}'s parent tree entry is not an array", index + 1);
        };
        let entries: Vec<ObjectId> = entries.iter().map(|e| e.as_reference().unwrap()).collect();
        assert_eq!(entries, held.values().copied().collect::<Vec<_>>());
    }
    assert!(tree.mcids.iter().all(|(on, ..)| ids.contains(on)));

    // Every annotation has a key of its own after the pages', which gives back the Link
    // element that holds it, on its page.
    let mut annotation_keys = BTreeSet::new();
    for &page in &ids {
        for annotation in annotations(&doc, page) {
            let key = int(dict(&doc, annotation), b"StructParent").expect("a /StructParent");
            assert!(key >= ids.len() as i64, "key {key} is a page's");
            assert!(annotation_keys.insert(key), "key {key} twice");
            let element = parents[key as usize].1.as_reference().unwrap();
            let kind = dict(&doc, element).get(b"S").unwrap().as_name().unwrap();
            assert_eq!(kind, b"Link");
            assert!(tree.annotations.contains(&(annotation, page, element)));
        }
    }
    assert_eq!(annotation_keys.len(), tree.annotations.len());
    assert_eq!(ids.len() + annotation_keys.len(), keys.len());

    // Reading order: all of the first page, then all of the second.
    let on_pages: Vec<ObjectId> = tree.mcids.iter().map(|(on, ..)| *on).collect();
    let first_of_second = on_pages.iter().position(|&on| on == ids[1]).unwrap();
    assert!(first_of_second > 0);
    assert!(on_pages[first_of_second..].iter().all(|&on| on == ids[1]));

    // And the tree is each page's own, one after the other, as poppler reads it.
    let mut expected = vec!["Document".to_string()];
    for (number, scene) in (1..).zip(&pages) {
        let (one, _) = written(
            &format!("reading-order-page-{number}"),
            std::slice::from_ref(scene),
        );
        let one_tree = self::tree(&load(&one));
        expected.extend(one_tree.elements.into_iter().skip(1).map(|e| e.0));
    }
    let kinds: Vec<String> = tree.elements.iter().map(|e| e.0.clone()).collect();
    assert_eq!(kinds, expected);
    let one_page = |number: usize| {
        let path = path.with_file_name(format!("reading-order-page-{number}.pdf"));
        struct_text_below_document(&path)
    };
    if let (Some(both), Some(first), Some(second)) =
        (struct_text_below_document(&path), one_page(1), one_page(2))
    {
        for (read, scene) in [&first, &second].into_iter().zip(&pages) {
            let title = format!("\"{}\"", scene.metadata.title);
            assert!(read.contains(&title), "{title} in {read}");
        }
        assert_ne!(first, second);
        assert_eq!(both, format!("{first}{second}"));
    }
}

/// `pages` with a running title on the second page: a copy of its subtitle in the top
/// margin, as page furniture.
fn with_running_title(mut pages: Vec<Scene>) -> Vec<Scene> {
    let second = &mut pages[1];
    let subtitle = (second.items.iter())
        .find_map(|item| match item {
            Item::Text(text) if text.role == Role::Subtitle => Some(text.clone()),
            _ => None,
        })
        .expect("a subtitle");
    let mut running = subtitle;
    running.role = Role::Pagination;
    running.origin.y = second.frame.y - 6.0;
    second.items.push(Item::Text(running));
    pages
}

#[test]
fn page_furniture_is_drawn_but_not_read() {
    let plain = two_layouts();
    let furnished = with_running_title(plain.clone());
    let (plain_bytes, plain_path) = written("furniture-none", &plain);
    let (bytes, path) = written("furniture-running-title", &furnished);
    let doc = load(&bytes);
    let ids = page_ids(&doc);
    let furniture: Vec<_> = (sequences(&doc, ids[1]).into_iter())
        .filter(|(_, _, kind, _)| kind.as_deref() == Some("Pagination"))
        .collect();
    assert_eq!(furniture.len(), 1, "one pagination artifact on page 2");
    let (tag, mcid, _, shows_text) = &furniture[0];
    assert_eq!((tag.as_str(), *mcid, *shows_text), ("Artifact", None, true));
    assert!(!(sequences(&doc, ids[0]).iter()).any(|s| s.2.as_deref() == Some("Pagination")));

    // The structure is exactly the one without it.
    let plain_tree = tree(&load(&plain_bytes));
    let tree = tree(&doc);
    assert_eq!(tree.elements.len(), plain_tree.elements.len());
    assert_eq!(tree.mcids.len(), plain_tree.mcids.len());
    if let (Some(read), Some(plain_read)) = (
        struct_text_below_document(&path),
        struct_text_below_document(&plain_path),
    ) {
        assert_eq!(read, plain_read);
    }
    // Yet it is on the page, and its text can be copied.
    let subtitle = "Induction, training, supervision and development";
    let page_two = |pdf: &Path| poppler("pdftotext", &["-f", "2", "-l", "2"], pdf);
    if let (Some(text), Some(plain_text)) = (page_two(&path), page_two(&plain_path)) {
        let text = text.replace('\n', " ");
        let plain_text = plain_text.replace('\n', " ");
        assert_eq!(plain_text.matches(subtitle).count(), 1, "{plain_text}");
        assert_eq!(text.matches(subtitle).count(), 2, "{text}");
    }
}

fn page_labels(bytes: &[u8]) -> Option<Object> {
    load(bytes)
        .catalog()
        .unwrap()
        .get(b"PageLabels")
        .ok()
        .cloned()
}

#[test]
fn several_pages_are_labelled_one_page_is_not() {
    let pages = two_layouts();
    let labels = page_labels(&pdf::write_pages(&pages).unwrap()).expect("/PageLabels");
    let nums = labels
        .as_dict()
        .unwrap()
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(nums.len(), 2);
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    let style = nums[1]
        .as_dict()
        .unwrap()
        .get(b"S")
        .unwrap()
        .as_name()
        .unwrap();
    assert_eq!(style, b"D");
    assert!(page_labels(&pdf::write(&pages[0]).unwrap()).is_none());
    assert!(page_labels(&pdf::write_pages(&pages[..1]).unwrap()).is_none());
}

/// The objects of a type, by `/Type` and `/Subtype`.
fn objects(doc: &Document, kind: &[u8], subtype: &[u8]) -> Vec<ObjectId> {
    (doc.objects.iter())
        .filter(|(_, object)| {
            let dict = match object {
                Object::Dictionary(dict) => dict,
                Object::Stream(stream) => &stream.dict,
                _ => return false,
            };
            let name = |key: &[u8]| dict.get(key).and_then(Object::as_name).ok();
            name(b"Type") == Some(kind) && name(b"Subtype") == Some(subtype)
        })
        .map(|(id, _)| *id)
        .collect()
}

/// Each embedded font's `/BaseFont` without its subset tag.
fn font_names(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = (objects(doc, b"Font", b"Type0").into_iter())
        .map(|id| {
            let name = dict(doc, id).get(b"BaseFont").unwrap().as_name().unwrap();
            let name = String::from_utf8_lossy(name).into_owned();
            name.split_once('+').expect("a subset tag").1.to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_face_or_an_image_on_several_pages_is_embedded_once() {
    let pages = two_layouts();
    let doc = load(&pdf::write_pages(&pages).unwrap());
    assert_eq!(font_names(&doc), ["NotoSans-Bold", "NotoSans-Regular"]);
    let font_files = (doc.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2"))
        .count();
    assert_eq!(font_files, 2);

    // A roadmap with faces and logos of its own, in two layouts: each logo once.
    let branded = "branded/branded.toml";
    let branded_pages = [scene(branded, "road"), scene(branded, "columns")];
    let both = load(&written("branded-two-layouts", &branded_pages).0);
    let one = load(&pdf::write(&branded_pages[0]).unwrap());
    let drawings = |doc: &Document| {
        let images = objects(doc, b"XObject", b"Image");
        let masks: BTreeSet<ObjectId> = (images.iter())
            .filter_map(|&id| doc.get_object(id).ok()?.as_stream().ok())
            .filter_map(|s| s.dict.get(b"SMask").and_then(Object::as_reference).ok())
            .collect();
        let images = images.iter().filter(|id| !masks.contains(id)).count();
        (images, objects(doc, b"XObject", b"Form").len())
    };
    let (images, forms) = drawings(&both);
    assert!(images + forms > 0, "the branded example has logos");
    assert_eq!((images, forms), drawings(&one));
    assert_eq!(font_names(&both), font_names(&one));

    // Two roadmaps, one in Noto Sans and one in faces of its own: each face once.
    let mixed = [
        scene("link-worker-training.toml", "road"),
        branded_pages[0].clone(),
    ];
    let (bytes, path) = written("mixed", &mixed);
    let doc = load(&bytes);
    let mut expected: Vec<String> = font_names(&load(&pdf::write(&mixed[0]).unwrap()));
    expected.extend(font_names(&one));
    expected.sort();
    expected.dedup();
    assert_eq!(font_names(&doc), expected);
    assert!(font_names(&doc).len() > 2);
    if let Some(text) = poppler("pdftotext", &["-f", "2", "-l", "2"], &path) {
        let title = &mixed[1].metadata.title;
        assert!(
            text.replace('\n', " ").contains(title.as_str()),
            "{title} in {text}"
        );
    }
}

/// A box of a page, as four numbers.
fn page_box(doc: &Document, page: ObjectId, name: &[u8]) -> Vec<f32> {
    let array = dict(doc, page).get(name).unwrap().as_array().unwrap();
    array.iter().map(|v| v.as_float().unwrap()).collect()
}

#[test]
fn every_page_of_a_sheet_has_its_boxes_and_crop_marks() {
    let bleed = Bleed::from_mm(3.0).unwrap();
    let pages: Vec<Scene> = two_layouts().iter().map(|s| s.with_bleed(bleed)).collect();
    let (bytes, path) = written("bleed", &pages);
    let doc = load(&bytes);
    for (&page, scene) in page_ids(&doc).iter().zip(&pages) {
        let one = load(&pdf::write(scene).unwrap());
        let one_page = page_ids(&one)[0];
        for name in [b"TrimBox".as_slice(), b"BleedBox", b"MediaBox"] {
            assert_eq!(page_box(&doc, page, name), page_box(&one, one_page, name));
        }
        assert_ne!(
            page_box(&doc, page, b"TrimBox"),
            page_box(&doc, page, b"MediaBox")
        );
        // The marks are drawn in registration, a colour space of the page's own.
        let resources = dict(&doc, page)
            .get(b"Resources")
            .unwrap()
            .as_reference()
            .unwrap();
        let spaces = dict(&doc, resources)
            .get(b"ColorSpace")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(spaces.has(b"Registration"));
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let marks = (content.operations.iter())
            .filter(|op| op.operator == "CS")
            .filter(|op| op.operands[0].as_name().ok() == Some(b"Registration"))
            .count();
        assert_eq!(marks, 1);
    }
    if let Some(boxes) = poppler("pdfinfo", &["-box", "-f", "1", "-l", "2"], &path) {
        for number in 1..=2 {
            let prefix = format!("Page {number:>4} BleedBox:");
            assert!(boxes.lines().any(|l| l.starts_with(&prefix)), "{boxes}");
        }
    }
}

#[test]
fn the_same_pages_give_the_same_bytes_and_one_page_what_write_gives() {
    let pages = two_layouts();
    let first = pdf::write_pages(&pages).unwrap();
    assert!(
        first == pdf::write_pages(&pages).unwrap(),
        "two writes differ"
    );
    let swapped = [pages[1].clone(), pages[0].clone()];
    assert!(first != pdf::write_pages(&swapped).unwrap());
    for scene in &pages {
        let one = pdf::write(scene).unwrap();
        assert!(one == pdf::write_pages(std::slice::from_ref(scene)).unwrap());
    }
}

#[test]
fn no_pages_is_an_error() {
    let error = pdf::write_pages(&[]).unwrap_err();
    assert!(
        matches!(error, waypost::Error::Pdf(waypost::PdfError::NoPage)),
        "{error:?}"
    );
}

/// `python3 -m pdfua check` on the PDF, as .ci/run calls it: `None` when the checker is
/// not installed.
fn pdfua(pdf: &Path) -> Option<(bool, String)> {
    let installed = Command::new("python3")
        .args(["-c", "import pdfua"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        eprintln!("the pdfua checker is not installed: its check is skipped");
        return None;
    }
    let output = Command::new("python3")
        .args(["-m", "pdfua", "check"])
        .arg(pdf)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    // A finding gives a non-zero exit; a rule the checker could not run says `[skip`.
    Some((output.status.success() && !report.contains("[skip"), report))
}

#[test]
fn the_pdfua_checker_finds_nothing_on_several_pages() {
    let pages = two_layouts();
    let bleed = Bleed::from_mm(3.0).unwrap();
    let documents = [
        written("pdfua-two-layouts", &pages).1,
        written("pdfua-running-title", &with_running_title(pages.clone())).1,
        written(
            "pdfua-mixed",
            &[pages[0].clone(), scene("branded/branded.toml", "road")],
        )
        .1,
        written(
            "pdfua-bleed",
            &pages
                .iter()
                .map(|s| s.with_bleed(bleed))
                .collect::<Vec<_>>(),
        )
        .1,
    ];
    for path in documents {
        if let Some((passed, report)) = pdfua(&path) {
            assert!(passed, "{report}");
        }
    }
}
