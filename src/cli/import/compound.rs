//! The compound file (MS-CFB) that an `.xls` workbook is, checked before calamine reads it.
//!
//! A compound file is a small file system: a 512-byte header, then sectors of 512 or 4096
//! bytes. A table (the FAT) gives each sector the number of the next one in its chain; the
//! header and a chain of DIFAT sectors list the sectors of the FAT; a chain of directory
//! sectors names each stream and where its chain starts. Streams under 4096 bytes live in
//! 64-byte mini sectors inside one stream of the root entry, chained by a mini FAT.
//!
//! calamine follows these chains as the file says, without noticing one that runs in a
//! circle, makes room for what the header claims before it reads it, and indexes its tables
//! with numbers from the file. So every chain it follows is walked here first, each sector
//! claimed once (a circle comes back to a sector of its own, two chains may not share one),
//! every number checked to fall inside the file, and every count in the header checked
//! against the chains found. The walk reads nothing twice, so it takes time in proportion
//! to the file's length and keeps only a few bytes per sector.

use std::fmt;

/// The first eight bytes of every compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The end of a chain.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// An unused sector; in the DIFAT, an unused place.
const FREESECT: u32 = 0xFFFF_FFFF;
/// The FAT's mark for a DIFAT sector; it and every number above it name no sector.
const DIFSECT: u32 = 0xFFFF_FFFC;

/// The header's bytes; with 4096-byte sectors the header fills a whole sector.
const HEADER: usize = 512;
/// The FAT sectors the header lists itself; the DIFAT chain lists the rest.
const HEADER_DIFAT: usize = 109;
/// The bytes of one directory entry.
const ENTRY: usize = 128;
/// The bytes of one mini sector.
const MINI_SECTOR: u64 = 64;
/// Streams shorter than this live in the mini stream (calamine assumes this value).
const MINI_CUTOFF: u64 = 4096;
/// The directory entry type of the root, which holds the mini stream.
const ROOT: u8 = 5;

/// What is wrong with a compound file, in words for the person who has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// It is shorter than a header, or its header is not one of a compound file.
    Header,
    /// A sector or mini sector number points past the end of the file or the mini stream.
    Outside,
    /// A chain comes back to a sector it has already passed.
    Circle,
    /// Two chains claim the same sector.
    Shared,
    /// A count in the header (FAT, DIFAT or mini FAT sectors) disagrees with the file.
    Counts,
    /// A stream, or the mini FAT, ends before the size it states.
    Short,
    /// The directory is empty or does not start with the root entry.
    Directory,
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flaw::Header => "it does not begin the way a workbook does",
            Flaw::Outside => "it points to places beyond its own end",
            Flaw::Circle => "a chain of its blocks runs in a circle",
            Flaw::Shared => "two of its parts claim the same block",
            Flaw::Counts => "the sizes its header states do not match what it holds",
            Flaw::Short => "one of its parts ends before the size it states",
            Flaw::Directory => "its list of parts is missing",
        })
    }
}

/// A compound file whose chains have been walked.
pub struct Compound<'a> {
    sectors: Sectors<'a>,
    fat: Vec<u32>,
    /// The directory's entries, [`ENTRY`] bytes each.
    directory: Vec<u8>,
    mini_fat: Vec<u32>,
}

/// Opens the compound file in `bytes` once it is known to be read within bounds: every
/// chain that calamine follows ends, stays inside the file and shares no sector with
/// another, and the header's counts match the chains.
pub fn open(bytes: &[u8]) -> Result<Compound<'_>, Flaw> {
    if bytes.len() < HEADER || bytes[..8] != MAGIC {
        return Err(Flaw::Header);
    }
    let sector = match (u16_at(bytes, 30), u16_at(bytes, 32), u16_at(bytes, 28)) {
        // Sector shift 9 or 12, mini sector shift 6, little-endian byte order mark.
        (9, 6, 0xFFFE) => 512,
        (12, 6, 0xFFFE) => 4096,
        _ => return Err(Flaw::Header),
    };
    if bytes.len() < sector || u64::from(u32_at(bytes, 56)) != MINI_CUTOFF {
        return Err(Flaw::Header);
    }
    let mut file = Sectors::new(bytes, sector);
    let fat = file.fat()?;
    let directory = file.directory(&fat)?;
    let root = &directory[..ENTRY];
    if root[66] != ROOT {
        return Err(Flaw::Directory);
    }
    let (mini_stream, mini_fat) = file.mini(&fat, root)?;
    let mut mini = MiniSectors {
        fat: &mini_fat,
        len: mini_stream,
        owner: vec![0; usize::try_from(mini_stream / MINI_SECTOR).unwrap_or(usize::MAX)],
        chains: 0,
    };
    for entry in directory.chunks_exact(ENTRY).skip(1) {
        let start = u32_at(entry, 116);
        match file.stream_size(entry) {
            // calamine reads at most one sector of an empty stream, and stops there.
            0 => {}
            size if size < MINI_CUTOFF => mini.stream(start, size)?,
            size => {
                file.stream(start, size, &fat)?;
            }
        }
    }
    Ok(Compound {
        sectors: file,
        fat,
        directory,
        mini_fat,
    })
}

impl Compound<'_> {
    /// The bytes of the first stream named `name`, which is where calamine looks.
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let named = |entry: &&[u8]| {
            let units = entry[..64]
                .chunks_exact(2)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            let text: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .take_while(|&c| c != '\0')
                .collect();
            text == name
        };
        let entry = self.directory.chunks_exact(ENTRY).find(named)?;
        let (start, size) = (u32_at(entry, 116), self.sectors.stream_size(entry));
        let sector = |id: u32| (id < self.sectors.started).then(|| self.sectors.bytes(id));
        if size >= MINI_CUTOFF {
            return follow(start, size, &self.fat, sector);
        }
        let root = &self.directory[..ENTRY];
        let mini = follow(
            u32_at(root, 116),
            self.sectors.stream_size(root),
            &self.fat,
            sector,
        )?;
        let mini_sector = |id: u32| {
            let at = id as usize * MINI_SECTOR as usize;
            mini.get(at..at + MINI_SECTOR as usize)
        };
        follow(start, size, &self.mini_fat, mini_sector)
    }
}

/// The first `size` bytes of the chain from `start` through `table`, each link's bytes
/// given by `unit`; `None` when the chain ends or leaves `table` first.
fn follow<'a>(
    start: u32,
    size: u64,
    table: &[u32],
    unit: impl Fn(u32) -> Option<&'a [u8]>,
) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut next = start;
    // A chain through the table is no longer than the table.
    for _ in 0..table.len() {
        let wanted = size - bytes.len() as u64;
        if wanted == 0 {
            break;
        }
        let piece = unit(next)?;
        bytes.extend_from_slice(&piece[..piece.len().min(wanted as usize)]);
        next = *table.get(next as usize)?;
    }
    (bytes.len() as u64 == size).then_some(bytes)
}

/// The sectors of a compound file, and which chain has claimed each.
struct Sectors<'a> {
    bytes: &'a [u8],
    /// The bytes of one sector.
    size: usize,
    /// The sectors wholly inside the file; a table or the directory must be one of these.
    whole: u32,
    /// The sectors that start inside the file: a stream's last may be cut short.
    started: u32,
    /// The chain that has claimed each sector, counted from 1; 0 when none has.
    owner: Vec<u32>,
    chains: u32,
}

impl<'a> Sectors<'a> {
    fn new(bytes: &'a [u8], size: usize) -> Sectors<'a> {
        let body = bytes.len() - size;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let started = count(body.div_ceil(size));
        Sectors {
            bytes,
            size,
            whole: count(body / size),
            started,
            owner: vec![0; started as usize],
            chains: 0,
        }
    }

    /// A new chain's number, for [`Sectors::claim`].
    fn chain(&mut self) -> u32 {
        self.chains += 1;
        self.chains
    }

    /// Claims sector `id` for `chain`; it must be below `limit` and claimed by no chain.
    fn claim(&mut self, id: u32, limit: u32, chain: u32) -> Result<(), Flaw> {
        if id >= limit {
            return Err(Flaw::Outside);
        }
        match self.owner[id as usize] {
            0 => {
                self.owner[id as usize] = chain;
                Ok(())
            }
            same if same == chain => Err(Flaw::Circle),
            _ => Err(Flaw::Shared),
        }
    }

    /// The bytes of sector `id`, which is below [`Sectors::started`].
    fn bytes(&self, id: u32) -> &'a [u8] {
        let start = (id as usize + 1) * self.size;
        &self.bytes[start..(start + self.size).min(self.bytes.len())]
    }

    /// The numbers held by sector `id`, a whole one.
    fn numbers(&self, id: u32) -> impl Iterator<Item = u32> + 'a {
        self.bytes(id).chunks_exact(4).map(|n| u32_at(n, 0))
    }

    /// The FAT, read from the sectors the header and the DIFAT chain list, as calamine
    /// reads it: every listed number below [`DIFSECT`] is a FAT sector.
    fn fat(&mut self) -> Result<Vec<u32>, Flaw> {
        let mut listed: Vec<u32> = (0..HEADER_DIFAT)
            .map(|i| u32_at(self.bytes, 76 + 4 * i))
            .collect();
        let chain = self.chain();
        let mut next = u32_at(self.bytes, 68);
        let mut difat_sectors = 0_u32;
        // calamine stops at any number from 0xFFFFFFFA up; ENDOFCHAIN is what ends the
        // chain, and some writers leave FREESECT when there is none.
        while next != ENDOFCHAIN && next != FREESECT {
            self.claim(next, self.whole, chain)?;
            difat_sectors += 1;
            let numbers: Vec<u32> = self.numbers(next).collect();
            let (last, fat_sectors) = numbers.split_last().unwrap_or((&ENDOFCHAIN, &[]));
            listed.extend_from_slice(fat_sectors);
            next = *last;
        }
        if difat_sectors != u32_at(self.bytes, 72) {
            return Err(Flaw::Counts);
        }
        listed.retain(|&id| id < DIFSECT);
        if listed.len() != u32_at(self.bytes, 44) as usize {
            return Err(Flaw::Counts);
        }
        // Each sector is claimed before it is read, so the FAT grows no larger than the file.
        let mut fat = Vec::new();
        for id in listed {
            let chain = self.chain();
            self.claim(id, self.whole, chain)?;
            fat.extend(self.numbers(id));
        }
        // calamine looks up the next sector of any sector in the file in the FAT.
        if fat.len() < self.started as usize {
            return Err(Flaw::Counts);
        }
        Ok(fat)
    }

    /// The directory's entries, from a chain of whole sectors that calamine reads to its end.
    fn directory(&mut self, fat: &[u32]) -> Result<Vec<u8>, Flaw> {
        let mut next = u32_at(self.bytes, 48);
        if next == ENDOFCHAIN {
            return Err(Flaw::Directory);
        }
        let chain = self.chain();
        let mut entries = Vec::new();
        while next != ENDOFCHAIN {
            self.claim(next, self.whole, chain)?;
            entries.extend_from_slice(self.bytes(next));
            next = fat[next as usize];
        }
        Ok(entries)
    }

    /// The length of the mini stream and the mini FAT, which calamine reads only when the
    /// header counts mini FAT sectors.
    fn mini(&mut self, fat: &[u32], root: &[u8]) -> Result<(u64, Vec<u32>), Flaw> {
        let sectors = u32_at(self.bytes, 64);
        if sectors == 0 {
            return Ok((0, Vec::new()));
        }
        let stream = self.stream(u32_at(root, 116), self.stream_size(root), fat)?;
        // calamine reads as many whole sectors of the chain as the header counts.
        let chain = self.chain();
        let mut next = u32_at(self.bytes, 60);
        let mut mini_fat = Vec::new();
        for _ in 0..sectors {
            if next == ENDOFCHAIN {
                return Err(Flaw::Short);
            }
            self.claim(next, self.whole, chain)?;
            mini_fat.extend(self.numbers(next));
            next = fat[next as usize];
        }
        // calamine reserves room by a number that it reads across the mini FAT's start and
        // count, so a mini FAT longer than its mini stream needs would make it reserve
        // gigabytes; no writer makes one.
        let per_sector = (self.size / 4) as u64;
        let needed = stream.div_ceil(MINI_SECTOR).div_ceil(per_sector).max(1);
        if u64::from(sectors) > needed {
            return Err(Flaw::Counts);
        }
        Ok((stream, mini_fat))
    }

    /// Walks the chain of a stream of `size` bytes from `start` as far as calamine reads it,
    /// which is until it holds `size` bytes; the stream's length.
    fn stream(&mut self, start: u32, size: u64, fat: &[u32]) -> Result<u64, Flaw> {
        let chain = self.chain();
        let mut next = start;
        let mut held = 0_u64;
        while held < size {
            if next == ENDOFCHAIN {
                return Err(Flaw::Short);
            }
            self.claim(next, self.started, chain)?;
            held += self.bytes(next).len() as u64;
            next = fat[next as usize];
        }
        Ok(size)
    }

    /// A directory entry's stream size; with 512-byte sectors only the low 32 bits count.
    fn stream_size(&self, entry: &[u8]) -> u64 {
        match self.size {
            512 => u64::from(u32_at(entry, 120)),
            _ => u64::from(u32_at(entry, 120)) | u64::from(u32_at(entry, 124)) << 32,
        }
    }
}

/// The mini sectors of the mini stream, and which chain has claimed each.
struct MiniSectors<'a> {
    fat: &'a [u32],
    /// The mini stream's length in bytes: a mini sector must lie wholly inside it.
    len: u64,
    owner: Vec<u32>,
    chains: u32,
}

impl MiniSectors<'_> {
    /// Walks the chain of a stream of `size` bytes, under [`MINI_CUTOFF`], from `start`.
    fn stream(&mut self, start: u32, size: u64) -> Result<(), Flaw> {
        self.chains += 1;
        let mut next = start;
        for _ in 0..size.div_ceil(MINI_SECTOR) {
            if next == ENDOFCHAIN {
                return Err(Flaw::Short);
            }
            let id = next as usize;
            if id >= self.fat.len() || (u64::from(next) + 1) * MINI_SECTOR > self.len {
                return Err(Flaw::Outside);
            }
            match self.owner[id] {
                0 => self.owner[id] = self.chains,
                same if same == self.chains => return Err(Flaw::Circle),
                _ => return Err(Flaw::Shared),
            }
            next = self.fat[id];
        }
        Ok(())
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}
