//! Reading a tagged PDF back with lopdf alone: its structure tree with the text of each
//! element, and how its page content is marked.

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;

/// One structure element, in reading order (a pre-order walk of the tree).
#[derive(Debug, Clone)]
pub struct Element {
    /// How deep it sits: the document element is 0.
    pub depth: usize,
    /// Its structure type: `H1`, `P`, `Link`, ….
    pub kind: String,
    /// The text of the marked content it holds itself (not its children's).
    pub text: String,
    /// The link annotations it holds by `/OBJR`.
    pub annotations: Vec<ObjectId>,
    /// Its alternate description (`/Alt`), such as a figure's.
    pub alt: Option<String>,
}

/// A tagged page read back.
pub struct Tagged {
    /// The elements in reading order.
    pub elements: Vec<Element>,
    /// Each MCID's text, read from the content stream through the fonts' ToUnicode maps.
    pub texts: BTreeMap<i64, String>,
    /// Which element object each MCID is a kid of.
    pub mcid_parents: BTreeMap<i64, Vec<ObjectId>>,
    /// The elements the parent tree gives for each MCID.
    pub parent_tree: BTreeMap<i64, ObjectId>,
    /// The link annotations of the page, with their `/StructParent` and the element the
    /// parent tree gives for it.
    pub annotations: Vec<(ObjectId, Option<ObjectId>)>,
    /// The element object holding each annotation by `/OBJR`.
    pub annotation_parents: BTreeMap<ObjectId, Vec<ObjectId>>,
    /// Problems with how the content is marked: a path outside an artifact, text outside
    /// tagged content, nested sequences.
    pub marking: Vec<String>,
    /// The catalog.
    pub catalog: lopdf::Dictionary,
    /// The page.
    pub page: lopdf::Dictionary,
    /// The XMP metadata packet, if any.
    pub xmp: Option<String>,
}

/// Reads the tagged structure of a one-page PDF.
pub fn read(bytes: &[u8]) -> Result<Tagged, String> {
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let page_id = *doc.get_pages().get(&1).ok_or("no page")?;
    let (texts, marking) = marked_texts(&doc, page_id)?;
    let catalog = doc.catalog().map_err(|e| e.to_string())?.clone();
    let page = doc
        .get_dictionary(page_id)
        .map_err(|e| e.to_string())?
        .clone();
    let root = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference);
    let root = root.map_err(|_| "no /StructTreeRoot")?;
    let root = doc.get_dictionary(root).map_err(|e| e.to_string())?;
    let mut reader = Reader {
        doc: &doc,
        texts: &texts,
        elements: Vec::new(),
        mcid_parents: BTreeMap::new(),
        annotation_parents: BTreeMap::new(),
    };
    for kid in kids(root.get(b"K").map_err(|e| e.to_string())?) {
        let id = kid
            .as_reference()
            .map_err(|_| "a root kid is not an element")?;
        reader.element(id, 0)?;
    }
    let nums = root
        .get(b"ParentTree")
        .and_then(|t| t.as_dict())
        .and_then(|t| t.get(b"Nums"))
        .and_then(|n| n.as_array())
        .map_err(|_| "no /ParentTree /Nums")?;
    let mut keys = BTreeMap::new();
    for pair in nums.chunks(2) {
        let key = pair[0]
            .as_i64()
            .map_err(|_| "a parent tree key is not a number")?;
        keys.insert(key, pair[1].clone());
    }
    let page_key = page.get(b"StructParents").and_then(|k| k.as_i64());
    let page_key = page_key.map_err(|_| "the page has no /StructParents")?;
    let mut parent_tree = BTreeMap::new();
    if let Some(Object::Array(parents)) = keys.get(&page_key) {
        for (mcid, parent) in parents.iter().enumerate() {
            if let Ok(id) = parent.as_reference() {
                parent_tree.insert(mcid as i64, id);
            }
        }
    }
    let mut annotations = Vec::new();
    let annots = page.get(b"Annots").and_then(|a| a.as_array());
    for annot in annots.map(|a| a.as_slice()).unwrap_or_default() {
        let id = annot
            .as_reference()
            .map_err(|_| "an annotation is not an object")?;
        let dict = doc.get_dictionary(id).map_err(|e| e.to_string())?;
        let key = dict.get(b"StructParent").and_then(|k| k.as_i64()).ok();
        let parent = key
            .and_then(|k| keys.get(&k))
            .and_then(|p| p.as_reference().ok());
        annotations.push((id, parent));
    }
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .ok()
        .map(|s| String::from_utf8_lossy(&s.content).into_owned());
    Ok(Tagged {
        elements: reader.elements,
        mcid_parents: reader.mcid_parents,
        annotation_parents: reader.annotation_parents,
        texts,
        parent_tree,
        annotations,
        marking,
        catalog,
        page,
        xmp,
    })
}

fn kids(k: &Object) -> Vec<Object> {
    match k {
        Object::Array(kids) => kids.clone(),
        other => vec![other.clone()],
    }
}

struct Reader<'a> {
    doc: &'a Document,
    texts: &'a BTreeMap<i64, String>,
    elements: Vec<Element>,
    mcid_parents: BTreeMap<i64, Vec<ObjectId>>,
    annotation_parents: BTreeMap<ObjectId, Vec<ObjectId>>,
}

impl Reader<'_> {
    fn element(&mut self, id: ObjectId, depth: usize) -> Result<(), String> {
        let dict = self.doc.get_dictionary(id).map_err(|e| e.to_string())?;
        let kind = dict
            .get(b"S")
            .and_then(|s| s.as_name())
            .map_err(|_| "no /S")?;
        let at = self.elements.len();
        let alt = dict
            .get(b"Alt")
            .and_then(|a| a.as_str())
            .ok()
            .map(text_string);
        self.elements.push(Element {
            depth,
            kind: String::from_utf8_lossy(kind).into_owned(),
            text: String::new(),
            annotations: Vec::new(),
            alt,
        });
        let Ok(k) = dict.get(b"K") else {
            return Ok(());
        };
        for kid in kids(k) {
            match kid {
                Object::Integer(mcid) => {
                    let text = self.texts.get(&mcid).cloned().unwrap_or_default();
                    self.elements[at].text.push_str(&text);
                    self.mcid_parents.entry(mcid).or_default().push(id);
                }
                Object::Reference(child) => self.element(child, depth + 1)?,
                Object::Dictionary(objr) => {
                    let annot = objr.get(b"Obj").and_then(Object::as_reference);
                    let annot = annot.map_err(|_| "a dictionary kid is not an OBJR")?;
                    self.elements[at].annotations.push(annot);
                    self.annotation_parents.entry(annot).or_default().push(id);
                }
                other => return Err(format!("unexpected kid {other:?}")),
            }
        }
        Ok(())
    }
}

/// The text of each MCID, and what is wrong with the marking of the page's content.
fn marked_texts(
    doc: &Document,
    page: ObjectId,
) -> Result<(BTreeMap<i64, String>, Vec<String>), String> {
    let fonts = doc.get_page_fonts(page).map_err(|e| e.to_string())?;
    let encodings: BTreeMap<Vec<u8>, _> = fonts
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding(doc).ok()?)))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).map_err(|e| e.to_string())?;
    let mut texts: BTreeMap<i64, String> = BTreeMap::new();
    let mut problems = Vec::new();
    // What each open sequence is: Some(mcid) for tagged content, None for an artifact.
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut font = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let tag = op.operands.first().and_then(|t| t.as_name().ok());
                let mcid = (op.operands.get(1))
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|p| p.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                if !open.is_empty() {
                    problems.push("a marked-content sequence inside another".to_string());
                }
                if tag == Some(b"Artifact".as_slice()) {
                    open.push(None);
                } else if let Some(mcid) = mcid {
                    if texts.insert(mcid, String::new()).is_some() {
                        problems.push(format!("MCID {mcid} marks two sequences"));
                    }
                    open.push(Some(mcid));
                } else {
                    problems.push("a sequence that is neither an artifact nor tagged".into());
                    open.push(None);
                }
            }
            "EMC" if open.pop().is_none() => {
                problems.push("EMC without a sequence".to_string());
            }
            "Tf" => {
                font = (op.operands.first())
                    .and_then(|n| n.as_name().ok())
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
            }
            "Tj" | "TJ" => {
                let Some(Some(mcid)) = open.last().copied() else {
                    problems.push("text outside tagged content".to_string());
                    continue;
                };
                let encoding = encodings.get(&font).ok_or("text in an unknown font")?;
                let mut strings = Vec::new();
                for operand in &op.operands {
                    match operand {
                        Object::String(bytes, _) => strings.push(bytes.clone()),
                        Object::Array(items) => strings.extend(
                            items
                                .iter()
                                .filter_map(|i| i.as_str().ok().map(<[u8]>::to_vec)),
                        ),
                        _ => {}
                    }
                }
                for bytes in strings {
                    let text =
                        Document::decode_text(encoding, &bytes).map_err(|e| e.to_string())?;
                    texts.entry(mcid).or_default().push_str(&text);
                }
            }
            "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b" | "b*"
                if open.last() != Some(&None) =>
            {
                problems.push(format!(
                    "a path painted ({}) outside an artifact",
                    op.operator
                ));
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        problems.push("a sequence left open".to_string());
    }
    Ok((texts, problems))
}

/// A PDF text string: UTF-16BE after its byte order mark, else taken as UTF-8 (which
/// PDFDocEncoding matches for ASCII).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(units) => {
            let units: Vec<u16> = units
                .chunks(2)
                .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}
