//! The records of an `.xlsb` workbook's binary parts, checked before calamine reads them.
//!
//! An `.xlsb` part is a run of records: a type of one or two bytes, a length of one to four
//! bytes of seven bits each, then that many bytes. calamine makes room for the length a
//! record states before it reads the record, so a record of a few bytes that states 256 MiB
//! makes it take 256 MiB. So each part that calamine reads as records (the workbook, its
//! styles, its shared texts and every sheet the workbook lists) is walked first, unpacked as
//! a stream and keeping nothing, and a record that runs past the end of its part is
//! refused. The zip look-ahead has already held each part to [`super::workbook::MAX_PART`]
//! bytes, which so bounds what calamine makes room for.

use std::io::{self, BufReader, Read, Seek};

/// The parts calamine reads as records whatever the workbook lists.
const FIXED: [&str; 3] = ["xl/workbook.bin", "xl/styles.bin", "xl/sharedStrings.bin"];

/// The record type that lists a sheet (`BrtBundleSh`), with its relationship's id.
const SHEET: u16 = 0x009C;

/// A record that runs past the end of its part.
#[derive(Debug)]
pub struct Cut {
    /// The part's path in the archive.
    pub part: String,
}

/// Walks the records of every part of an `.xlsb` workbook that calamine reads as records;
/// `targets` are the workbook's relationships, each an id and the path it leads to from
/// `xl/`, which calamine finds each sheet's part by.
pub fn check<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    targets: &[(String, String)],
) -> Result<(), Cut> {
    let mut sheets = Vec::new();
    walk(archive, FIXED[0], &mut sheets)?;
    let mut paths: Vec<String> = FIXED.iter().skip(1).map(|p| p.to_string()).collect();
    for id in sheets {
        if let Some((_, target)) = targets.iter().find(|(i, _)| *i == id) {
            paths.push(format!("xl/{target}"));
        }
    }
    paths.sort();
    paths.dedup();
    for path in paths {
        walk(archive, &path, &mut Vec::new())?;
    }
    Ok(())
}

/// Walks every part whose name calamine takes for `path` (in any case, with `\` for `/`),
/// keeping the relationship id of each sheet listed in it.
fn walk<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    path: &str,
    sheets: &mut Vec<String>,
) -> Result<(), Cut> {
    let wanted: Vec<usize> = (0..archive.len())
        .filter(|&i| {
            archive.name_for_index(i).is_some_and(|name| {
                name.replace('\\', "/").eq_ignore_ascii_case(path) || name == path
            })
        })
        .collect();
    for i in wanted {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        records(BufReader::new(part), sheets).map_err(|()| Cut { part: name })?;
    }
    Ok(())
}

/// Reads one part's records to its end; `Err` at a record that runs past it.
fn records<R: Read>(mut part: R, sheets: &mut Vec<String>) -> Result<(), ()> {
    while let Some(first) = byte(&mut part)? {
        // As calamine reads them: a type of two bytes when the first has its high bit set,
        // a length of up to four bytes while each has its high bit set.
        let kind = match first & 0x80 {
            0 => u16::from(first),
            _ => u16::from(first & 0x7F) | u16::from(next(&mut part)? & 0x7F) << 7,
        };
        let mut b = next(&mut part)?;
        let mut len = u64::from(b & 0x7F);
        for i in 1..4 {
            if b & 0x80 == 0 {
                break;
            }
            b = next(&mut part)?;
            len += u64::from(b & 0x7F) << (7 * i);
        }
        let mut body = (&mut part).take(len);
        let read = if kind == SHEET {
            let mut data = Vec::new();
            let read = body.read_to_end(&mut data).map_err(|_| ())?;
            sheets.extend(relationship(&data));
            read as u64
        } else {
            io::copy(&mut body, &mut io::sink()).map_err(|_| ())?
        };
        if read < len {
            return Err(());
        }
    }
    Ok(())
}

/// The next byte of a part, or `None` at its end.
fn byte<R: Read>(part: &mut R) -> Result<Option<u8>, ()> {
    let mut b = [0];
    match part.read(&mut b) {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(b[0])),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => byte(part),
        Err(_) => Err(()),
    }
}

/// The next byte of a record that the part must still hold.
fn next<R: Read>(part: &mut R) -> Result<u8, ()> {
    byte(part)?.ok_or(())
}

/// The relationship id in a `BrtBundleSh` record: after two numbers of four bytes, a
/// length in characters of four bytes, then that many UTF-16 characters.
fn relationship(data: &[u8]) -> Option<String> {
    let len = u32::from_le_bytes(data.get(8..12)?.try_into().ok()?) as usize;
    let units: Vec<u16> = (data.get(12..12 + len.checked_mul(2)?)?)
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]))
        .collect();
    Some(String::from_utf16_lossy(&units))
}
