"""A minimal reader of PE (Windows DLL) headers: machine, DLL flag and export names.

Enough to check a cross-built DLL without Windows tools; the layout is Microsoft's PE format
specification (COFF header, optional header data directories, export directory table).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


@dataclass(frozen=True)
class PeFile:
    machine: int
    is_dll: bool
    timestamp: int
    exports: tuple[str, ...]


def read_pe(data: bytes) -> PeFile:
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[:2] == b"MZ" and data[pe_offset : pe_offset + 4] == b"PE\0\0", "not a PE file"
    coff = pe_offset + 4
    machine, sections, timestamp, _, _, optional_size, characteristics = struct.unpack_from(
        "<HHIIIHH", data, coff
    )
    optional = coff + 20
    (magic,) = struct.unpack_from("<H", data, optional)
    directories = optional + (112 if magic == 0x20B else 96)  # PE32+ or PE32
    export_rva, _ = struct.unpack_from("<II", data, directories)
    section_table = optional + optional_size
    spans = [
        struct.unpack_from("<IIII", data, section_table + 40 * index + 8)
        for index in range(sections)
    ]  # (virtual size, virtual address, raw size, raw offset)

    def offset(rva: int) -> int:
        for size, address, raw_size, raw_offset in spans:
            if address <= rva < address + max(size, raw_size):
                return rva - address + raw_offset
        raise ValueError(f"RVA {rva:#x} is in no section")

    exports: list[str] = []
    if export_rva:
        table = offset(export_rva)
        count, _, names_rva = struct.unpack_from("<III", data, table + 24)
        for index in range(count):
            (name_rva,) = struct.unpack_from("<I", data, offset(names_rva) + 4 * index)
            start = offset(name_rva)
            exports.append(data[start : data.index(b"\0", start)].decode("ascii"))
    return PeFile(machine, bool(characteristics & 0x2000), timestamp, tuple(exports))
