//! Small compound files (MS-CFB) written by hand, and the `.xls` workbook stream (BIFF8)
//! that goes in one, for the import tests: no crate the tests use writes either.
//!
//! The layout is fixed so that a test can damage a file at a known place: the header, then
//! one FAT sector (sector 0), one directory sector (sector 1), the mini FAT (sector 2) and
//! the mini stream's sectors when a stream is small, then each large stream's sectors in turn.

/// The end of a chain.
pub const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// An unused sector.
pub const FREESECT: u32 = 0xFFFF_FFFF;
/// The FAT's mark for a FAT sector.
pub const FATSECT: u32 = 0xFFFF_FFFD;
/// The FAT's mark for a DIFAT sector.
pub const DIFSECT: u32 = 0xFFFF_FFFC;

/// A compound file of `sector`-byte sectors (512 or 4096) holding `streams`, each a name
/// and its bytes, in the root storage; streams under 4096 bytes go in the mini stream.
pub fn compound(sector: usize, streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let per_sector = sector / 4;
    let small: Vec<usize> = (0..streams.len())
        .filter(|&i| streams[i].1.len() < 4096)
        .collect();
    let mut fat = vec![FATSECT, ENDOFCHAIN];
    let mut body = Vec::new();
    let mut entries = vec![(String::from("Root Entry"), 5_u8, ENDOFCHAIN, 0_u64)];
    let chain = |fat: &mut Vec<u32>, count: usize| -> u32 {
        let first = fat.len() as u32;
        for i in 1..count {
            fat.push(first + i as u32);
        }
        fat.push(ENDOFCHAIN);
        first
    };
    let (mut mini_fat_start, mut mini_fat_sectors) = (ENDOFCHAIN, 0);
    let mut starts = vec![0_u32; streams.len()];
    if !small.is_empty() {
        let mut mini_fat = Vec::new();
        let mut mini_stream = Vec::new();
        for &i in &small {
            let data = &streams[i].1;
            let sectors = data.len().div_ceil(64).max(1);
            starts[i] = mini_fat.len() as u32;
            for k in 1..sectors {
                mini_fat.push(starts[i] + k as u32);
            }
            mini_fat.push(ENDOFCHAIN);
            mini_stream.extend_from_slice(data);
            mini_stream.resize(mini_fat.len() * 64, 0);
        }
        assert!(mini_fat.len() <= per_sector, "one mini FAT sector");
        mini_fat.resize(per_sector, FREESECT);
        mini_fat_start = chain(&mut fat, 1);
        mini_fat_sectors = 1;
        body.extend(mini_fat.iter().flat_map(|n| n.to_le_bytes()));
        let root_start = chain(&mut fat, mini_stream.len().div_ceil(sector));
        entries[0].2 = root_start;
        entries[0].3 = mini_stream.len() as u64;
        mini_stream.resize(mini_stream.len().div_ceil(sector) * sector, 0);
        body.extend(mini_stream);
    }
    for (i, (name, data)) in streams.iter().enumerate() {
        if data.len() >= 4096 {
            starts[i] = chain(&mut fat, data.len().div_ceil(sector));
            body.extend_from_slice(data);
            body.resize(body.len().div_ceil(sector) * sector, 0);
        }
        entries.push((name.to_string(), 2, starts[i], data.len() as u64));
    }
    assert!(fat.len() <= per_sector, "one FAT sector");
    assert!(entries.len() <= sector / 128, "one directory sector");
    fat.resize(per_sector, FREESECT);

    let mut file = vec![0_u8; sector];
    file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let (version, shift) = if sector == 512 { (3, 9) } else { (4, 12) };
    for (at, value) in [
        (24, 0x3E),
        (26, version),
        (28, 0xFFFE),
        (30, shift),
        (32, 6),
    ] {
        put16(&mut file, at, value);
    }
    // FAT sectors, directory start, mini stream cutoff, mini FAT start and sectors, no DIFAT.
    for (at, value) in [
        (44, 1),
        (48, 1),
        (56, 4096),
        (60, mini_fat_start),
        (64, mini_fat_sectors),
        (68, ENDOFCHAIN),
        (72, 0),
        (76, 0),
    ] {
        put32(&mut file, at, value);
    }
    for i in 1..109 {
        put32(&mut file, 76 + 4 * i, FREESECT);
    }
    file.extend(fat.iter().flat_map(|n| n.to_le_bytes()));
    let mut directory = vec![0_u8; sector];
    for (i, (name, kind, start, size)) in entries.iter().enumerate() {
        let entry = &mut directory[i * 128..(i + 1) * 128];
        let name: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (k, unit) in name.iter().enumerate() {
            put16(entry, 2 * k, *unit);
        }
        put16(entry, 64, 2 * name.len() as u16);
        entry[66] = *kind;
        // Left and right siblings: the root's child is the first stream, which has the others
        // as right siblings in a chain (not a balanced tree, which readers do not need).
        let child = if i == 0 && entries.len() > 1 {
            1
        } else {
            FREESECT
        };
        let right = if i > 0 && i + 1 < entries.len() {
            i as u32 + 1
        } else {
            FREESECT
        };
        for (at, value) in [(68, FREESECT), (72, right), (76, child), (116, *start)] {
            put32(entry, at, value);
        }
        entry[120..128].copy_from_slice(&size.to_le_bytes());
    }
    file.extend(directory);
    file.extend(body);
    file
}

/// Sets the FAT's entry for sector `id`, the number of the sector after it, to `next`.
pub fn set_next(file: &mut [u8], id: u32, next: u32) {
    let at = sector_size(file) + 4 * id as usize;
    put32(file, at, next);
}

/// The file offset of directory entry `index` (0 is the root), in sector 1.
pub fn directory_entry(file: &[u8], index: usize) -> usize {
    2 * sector_size(file) + 128 * index
}

/// The sector size that a file's header states.
pub fn sector_size(file: &[u8]) -> usize {
    1 << u16::from_le_bytes([file[30], file[31]])
}

/// The number at `at`.
pub fn get32(file: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(file[at..at + 4].try_into().unwrap())
}

/// Writes `value` at `at`.
pub fn put32(file: &mut [u8], at: usize, value: u32) {
    file[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

fn put16(file: &mut [u8], at: usize, value: u16) {
    file[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

/// A BIFF8 workbook stream with one sheet, `sheet`, of `rows` of text, which calamine reads
/// as Excel 97 to 2003 writes it.
pub fn biff8(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            cells.push((r as u16, c as u16, *text));
        }
    }
    Biff8 {
        sheet,
        cells,
        dimensions: None,
        listed: 1,
    }
    .stream()
}

/// A BIFF8 workbook stream of one sheet: the globals (BOF, BoundSheet8 records, the shared
/// strings, EOF), then the sheet (BOF, a Dimensions record if given, one LabelSst record a
/// cell, EOF).
pub struct Biff8<'a> {
    /// The sheet's name.
    pub sheet: &'a str,
    /// Each cell's row, column and text.
    pub cells: Vec<(u16, u16, &'a str)>,
    /// The data of the sheet's Dimensions record.
    pub dimensions: Option<Vec<u8>>,
    /// How many BoundSheet8 records list the sheet: more than one is a damaged file.
    pub listed: usize,
}

impl Biff8<'_> {
    /// The stream's bytes.
    pub fn stream(&self) -> Vec<u8> {
        fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
            out.extend(kind.to_le_bytes());
            out.extend((data.len() as u16).to_le_bytes());
            out.extend_from_slice(data);
        }
        let bof = |kind: u16| -> Vec<u8> {
            let mut data = vec![0_u8; 16];
            data[..2].copy_from_slice(&0x0600_u16.to_le_bytes());
            data[2..4].copy_from_slice(&kind.to_le_bytes());
            data
        };
        let mut strings: Vec<&str> = Vec::new();
        let mut cells = Vec::new();
        for &(row, column, text) in &self.cells {
            let index = strings.iter().position(|s| *s == text).unwrap_or_else(|| {
                strings.push(text);
                strings.len() - 1
            });
            let mut data = Vec::new();
            data.extend(row.to_le_bytes());
            data.extend(column.to_le_bytes());
            data.extend(0_u16.to_le_bytes());
            data.extend((index as u32).to_le_bytes());
            cells.push(data);
        }
        let mut sst = Vec::new();
        sst.extend((cells.len() as u32).to_le_bytes());
        sst.extend((strings.len() as u32).to_le_bytes());
        for text in &strings {
            sst.extend((text.len() as u16).to_le_bytes());
            sst.push(0);
            sst.extend_from_slice(text.as_bytes());
        }
        let mut stream = Vec::new();
        record(&mut stream, 0x0809, &bof(0x0005));
        let mut positions = Vec::new();
        for _ in 0..self.listed {
            let mut bound = vec![0_u8; 6];
            bound.push(self.sheet.len() as u8);
            bound.push(0);
            bound.extend_from_slice(self.sheet.as_bytes());
            positions.push(stream.len() + 4);
            record(&mut stream, 0x0085, &bound);
        }
        record(&mut stream, 0x00FC, &sst);
        record(&mut stream, 0x000A, &[]);
        let sheet_at = (stream.len() as u32).to_le_bytes();
        for at in positions {
            stream[at..at + 4].copy_from_slice(&sheet_at);
        }
        record(&mut stream, 0x0809, &bof(0x0010));
        if let Some(dimensions) = &self.dimensions {
            record(&mut stream, 0x0200, dimensions);
        }
        for cell in cells {
            record(&mut stream, 0x00FD, &cell);
        }
        record(&mut stream, 0x000A, &[]);
        stream
    }
}
