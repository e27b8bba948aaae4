//! The workbook stream (BIFF) of an `.xls` file, looked into before calamine reads it.
//!
//! The stream is a run of records: a type and a length of two bytes each, then that many
//! bytes. calamine reads every sheet of the workbook when it opens it, each from where the
//! workbook's BoundSheet record says it starts to its EOF record; it makes room for the
//! cells a sheet's Dimensions record claims, and it builds each sheet's range whole, from
//! its first filled cell to its last, whatever lies between, and the same for its formulas.
//! So the stream is walked first as calamine walks it: a Dimensions record must claim no
//! more than a sheet of Excel 97 to 2003 has, no two sheets may overlap (calamine would
//! read the same records again for each), and the ranges of all the sheets together may
//! hold at most [`MAX_CELLS`] cells.

use waypost::table;

/// The most cells calamine may build for an `.xls` file, over all its sheets: as many as
/// one sheet within the import's limits has.
pub const MAX_CELLS: u64 = (table::MAX_ROWS * table::MAX_COLUMNS) as u64;

/// The rows and columns of a sheet of Excel 97 to 2003.
const SHEET_ROWS: i64 = 65_536;
const SHEET_COLUMNS: i64 = 256;

/// What the look into a workbook stream found wrong.
#[derive(Debug)]
pub enum Problem {
    /// The named sheet's Dimensions record claims more rows or columns than a sheet has,
    /// or fewer than none.
    Dimensions(String),
    /// A sheet starts past the end of the stream, or sheets overlap.
    Sheets,
    /// The named sheet's cells span `rows` rows and `columns` columns, which with the
    /// sheets before it makes more than [`MAX_CELLS`] cells.
    Cells {
        /// The sheet's name.
        sheet: String,
        /// The rows from its first filled cell to its last.
        rows: u64,
        /// The columns from its first filled cell to its last.
        columns: u64,
    },
}

/// Walks the workbook stream as calamine reads it.
pub fn check(stream: &[u8]) -> Result<(), Problem> {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    for (kind, data) in records(stream) {
        match kind {
            // BOF: the version says how names are written.
            0x0809 if data.len() >= 4 => {
                let (version, kind) = (u16_at(data, 0), u16_at(data, 2));
                biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => kind != 0x1000,
                    _ => true,
                };
            }
            // BoundSheet8: where a sheet starts, and its name.
            0x0085 if data.len() >= 6 => {
                let start = u32::from_le_bytes([data[0], data[1], data[2], data[3]]);
                sheets.push((start as usize, name(&data[6..], biff8)));
            }
            0x000A => break,
            _ => {}
        }
    }
    let (mut walked, mut cells) = (0_usize, 0_u64);
    for (start, name) in sheets {
        if start > stream.len() {
            return Err(Problem::Sheets);
        }
        let sheet = walk(&stream[start..], &name)?;
        walked += sheet.length;
        if walked > stream.len() {
            return Err(Problem::Sheets);
        }
        for block in [sheet.values, sheet.formulas].into_iter().flatten() {
            cells = cells.saturating_add(block.rows() * block.columns());
            if cells > MAX_CELLS {
                return Err(Problem::Cells {
                    sheet: name,
                    rows: block.rows(),
                    columns: block.columns(),
                });
            }
        }
    }
    Ok(())
}

/// The rows and columns from a sheet's first filled cell to its last.
#[derive(Clone, Copy)]
struct Block {
    top: u64,
    bottom: u64,
    left: u64,
    right: u64,
}

impl Block {
    fn rows(&self) -> u64 {
        self.bottom - self.top + 1
    }

    fn columns(&self) -> u64 {
        self.right - self.left + 1
    }
}

/// Widens `block` to hold the cell at `row` and `column`.
fn widen(block: &mut Option<Block>, row: u16, column: u16) {
    let (row, column) = (u64::from(row), u64::from(column));
    let b = block.get_or_insert(Block {
        top: row,
        bottom: row,
        left: column,
        right: column,
    });
    b.top = b.top.min(row);
    b.bottom = b.bottom.max(row);
    b.left = b.left.min(column);
    b.right = b.right.max(column);
}

/// What calamine reads of one sheet.
struct Sheet {
    /// The bytes from the sheet's start to the end of its EOF record.
    length: usize,
    /// The cells that may hold a value, and those that hold a formula.
    values: Option<Block>,
    formulas: Option<Block>,
}

/// Walks one sheet's records to its EOF record, as calamine does.
fn walk(stream: &[u8], name: &str) -> Result<Sheet, Problem> {
    let mut sheet = Sheet {
        length: 0,
        values: None,
        formulas: None,
    };
    // The cell of the last formula, where calamine puts the text of a String record.
    let mut formula = (0, 0);
    for (kind, data) in records(stream) {
        sheet.length += 4 + data.len();
        let cell = (data.len() >= 4).then(|| (u16_at(data, 0), u16_at(data, 2)));
        match (kind, cell) {
            (0x000A, _) => break,
            (0x0200, _) => dimensions(data, name)?,
            // Number, Label, BoolErr, RK, LabelSst.
            (0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD, Some((row, column))) => {
                widen(&mut sheet.values, row, column)
            }
            // Formula, whose value calamine keeps too.
            (0x0006, Some((row, column))) if data.len() >= 20 => {
                formula = (row, column);
                widen(&mut sheet.values, row, column);
                widen(&mut sheet.formulas, row, column);
            }
            // String: the text a formula gives.
            (0x0207, _) => widen(&mut sheet.values, formula.0, formula.1),
            // MulRk: a row of numbers from one column to another, when its length agrees.
            (0x00BD, Some((row, first))) if data.len() >= 6 => {
                let last = u16_at(data, data.len() - 2);
                let count = i64::from(last) - i64::from(first) + 1;
                if count >= 1 && data.len() as i64 == 6 + 6 * count {
                    widen(&mut sheet.values, row, first);
                    widen(&mut sheet.values, row, last);
                }
            }
            _ => {}
        }
    }
    Ok(sheet)
}

/// Checks a Dimensions record as calamine reads it: the rows and columns it claims, for
/// which calamine makes room, must be at least one and at most a sheet's.
fn dimensions(data: &[u8], name: &str) -> Result<(), Problem> {
    let (first_row, row_end, mut first_column, column_end) = match data.len() {
        10 => (
            i64::from(u16_at(data, 0)),
            i64::from(u16_at(data, 2)),
            i64::from(u16_at(data, 4)),
            i64::from(u16_at(data, 6)),
        ),
        14 => (
            i64::from(u32::from_le_bytes([data[0], data[1], data[2], data[3]])),
            i64::from(u32::from_le_bytes([data[4], data[5], data[6], data[7]])),
            i64::from(u16_at(data, 8)),
            i64::from(u16_at(data, 10)),
        ),
        // calamine refuses any other length itself.
        _ => return Ok(()),
    };
    if first_column > 0xFF || column_end < first_column {
        first_column = 0;
    }
    let (last_row, last_column) = match row_end >= 1 && column_end >= 1 {
        true => (row_end - 1, column_end - 1),
        false => (first_row, first_column),
    };
    let rows = last_row - first_row + 1;
    let columns = last_column - first_column + 1;
    if (1..=SHEET_ROWS).contains(&rows) && (1..=SHEET_COLUMNS).contains(&columns) {
        Ok(())
    } else {
        Err(Problem::Dimensions(name.to_string()))
    }
}

/// The records of a stream, each a type and its data, up to the first that is cut short.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let len = usize::from(u16_at(stream, 2));
        let record = stream.get(4..4 + len)?;
        let kind = u16_at(stream, 0);
        stream = &stream[4 + len..];
        Some((kind, record))
    })
}

/// A sheet's name in a BoundSheet record: a length of one byte, then (in BIFF8) a byte
/// that says whether the characters take two bytes each, then the characters.
fn name(data: &[u8], biff8: bool) -> String {
    let Some((&count, rest)) = data.split_first() else {
        return String::new();
    };
    let count = usize::from(count);
    match (biff8, rest.split_first()) {
        (true, Some((flags, text))) if flags & 1 == 1 => {
            let units = text.chunks_exact(2).take(count);
            let units = units.map(|u| u16::from_le_bytes([u[0], u[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        (true, Some((_, text))) => text.iter().take(count).map(|&b| char::from(b)).collect(),
        _ => rest.iter().take(count).map(|&b| char::from(b)).collect(),
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}
