#!/usr/bin/env python3
"""fuzz/corpus/make_seeds.py — writes the seed corpora of the fuzz targets (fuzz/README.md).

Run from anywhere: python3 fuzz/corpus/make_seeds.py. The output is deterministic (a fixed
random seed), so re-running it changes nothing; the files are committed.
  rv32_decode/  an options byte (and, for Sv32, a permissions byte), then hand-assembled RV32IMA
                programs (loops over memory, AMOs and LR/SC on two harts, self-modifying code,
                jumps across pages, counters, M, a stale PTE in the TLB)
  elf_loader/   small valid ELF files written here, a truncated one, and two prebuilt programs
  syscalls/     structured inputs (fork and wait4, fork and thread storms, threads, pipes, files,
                brk, sleep, kill) and random byte strings of a few lengths
"""
import pathlib
import random
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def r_type(f7, rs2, rs1, f3, rd, opcode):
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode


def i_type(imm, rs1, f3, rd, opcode):
    return ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode


def s_type(imm, rs2, rs1, f3):
    u = imm & 0xfff
    return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | 0x23


def b_type(imm, rs2, rs1, f3):
    u = imm & 0x1fff
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | \
        (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63


def jal(rd, imm):
    u = imm & 0x1fffff
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) | (u & 0xff000) | (rd << 7) | 0x6f


def addi(rd, rs1, imm): return i_type(imm, rs1, 0, rd, 0x13)
def lui(rd, upper): return ((upper & 0xfffff) << 12) | (rd << 7) | 0x37
def lw(rd, rs1, imm): return i_type(imm, rs1, 2, rd, 0x03)
def sw(rs2, rs1, imm): return s_type(imm, rs2, rs1, 2)
def op(f7, f3, rd, rs1, rs2): return r_type(f7, rs2, rs1, f3, rd, 0x33)
def amo(funct5, rd, rs1, rs2): return r_type(funct5 << 2, rs2, rs1, 2, rd, 0x2f)
def csr_read(rd, csr): return (csr << 20) | (2 << 12) | (rd << 7) | 0x73


ECALL, EBREAK, FENCE, FENCE_I = 0x00000073, 0x00100073, 0x0ff0000f, 0x0000100f


def words(options, program):
    return bytes([options]) + b"".join(struct.pack("<I", w & 0xffffffff) for w in program)


def decode_seeds():
    loop = [addi(5, 0, 10), lw(6, 1, 0), addi(6, 6, 1), sw(6, 1, 0), addi(5, 5, -1), b_type(-16, 0, 5, 1),
            addi(17, 0, 64), ECALL, EBREAK]
    atomics = [amo(0x00, 6, 1, 7), amo(0x01, 8, 5, 6), amo(0x10, 9, 1, 10), amo(0x1c, 11, 1, 12),
               amo(0x02, 13, 1, 0), amo(0x03, 14, 1, 15), amo(0x03, 16, 1, 15), b_type(-28, 0, 0, 0)]
    # Stores into its own code page: the next instruction changes under the block.
    self_modifying = [lui(9, 1), lui(8, 0x00100), addi(8, 8, 0x73), sw(8, 9, 16), addi(0, 0, 0), addi(0, 0, 0),
                      ECALL, FENCE_I, jal(0, -32)]
    far = [jal(1, 4096), EBREAK] + [addi(0, 0, 0)] * 1022 + [addi(7, 7, 1), i_type(-4096 + 4, 1, 0, 0, 0x67)]
    counters = [csr_read(5, 0xc00), csr_read(6, 0xc01), csr_read(7, 0xc02), csr_read(8, 0xc80), csr_read(9, 0xc82),
                csr_read(10, 0x300), i_type(0xc00, 3, 1, 11, 0x73), FENCE]
    multiply = [op(1, f3, 5 + f3, 2 * f3 % 31, (3 * f3 + 1) % 31) for f3 in range(8)] + \
               [lui(5, 0x80000), addi(6, 0, -1), op(1, 4, 7, 5, 6), op(1, 6, 8, 5, 6), op(1, 5, 9, 5, 0), ECALL]
    misaligned = [lw(5, 3, 0), lw(5, 1, 2), sw(5, 1, 1), i_type(2, 1, 1, 5, 0x03), i_type(0, 1, 0, 1, 0x67), ECALL]
    outside = [lui(5, 0x10), lw(6, 5, 0), sw(6, 5, 0), amo(0x00, 6, 5, 7), i_type(0, 5, 0, 0, 0x67)]
    # Sv32 (option bit 6; the next byte chooses permissions and TLB): a PTE cleared while the TLB
    # still holds it, then evicted by touching other pages, so the last load faults.
    stale_pte = [lui(10, 2), lw(5, 10, 0), lui(9, 0xe), sw(0, 9, 8), lw(6, 10, 0), lui(11, 3), lw(7, 11, 0),
                 lui(11, 4), lw(7, 11, 0), lui(11, 5), lw(7, 11, 0), lui(11, 6), lw(7, 11, 0), lw(8, 10, 0), ECALL]
    # Options byte with bit 6; then the pages byte (bit k set: pages k, k+8 get special permissions)
    # and the TLB byte (bits 0-1 ways, 2-3 replacement, 4: no ASIDs).
    sv32 = lambda options, pages, tlb, program: bytes([options | 0x40, pages, tlb]) + words(0, program)[1:]
    seeds = {
        "sv32_loop": sv32(0x00, 0x00, 0x00, loop), "sv32_fifo_loop": sv32(0x08, 0x00, 0x05, loop),
        "sv32_stale_pte": sv32(0x00, 0x00, 0x02, stale_pte),
        "sv32_odd_pages_stale_pte": sv32(0x00, 0x89, 0x08, stale_pte),
        "sv32_random_atomics_two_harts": sv32(0x01, 0x00, 0x0a, atomics),
        "sv32_self_modifying_no_asids": sv32(0x10, 0x00, 0x10, self_modifying),
        "sv32_far_jump": sv32(0x20, 0x24, 0x01, far),
        "loop": words(0x00, loop), "loop_slices": words(0x38, loop), "atomics_two_harts": words(0x01, atomics),
        "atomics_costly": words(0x0f, atomics), "self_modifying": words(0x10, self_modifying),
        "far_jump": words(0x20, far), "counters": words(0x08, counters), "multiply_divide": words(0x06, multiply),
        "misaligned": words(0x00, misaligned), "outside_memory": words(0x01, outside),
        "compressed_and_junk": bytes([0x28]) + bytes(range(1, 64)),
    }
    return seeds


def elf(code, data=b"", bss=0, data_address=0x20000, entry=None):
    code_b = b"".join(struct.pack("<I", w) for w in code)
    segments = [(0x1000, 0x10000, code_b, len(code_b), 5)]
    if data or bss:
        segments.append((0x2000, data_address, data, len(data) + bss, 6))
    size = 0x1000 + (0x1000 if len(segments) > 1 else 0) + (len(data) if len(segments) > 1 else len(code_b))
    out = bytearray(max(size, 0x1000 + len(code_b)))
    out[0:52] = b"\x7fELF\x01\x01\x01\x00" + b"\0" * 8 + struct.pack(
        "<HHIIIIIHHHHHH", 2, 243, 1, 0x10000 if entry is None else entry, 52, 0, 0, 52, 32, len(segments), 40, 0, 0)
    for i, (offset, vaddr, body, memsz, flags) in enumerate(segments):
        out[52 + 32 * i:84 + 32 * i] = struct.pack("<8I", 1, offset, vaddr, vaddr, len(body), memsz, flags, 0x1000)
        out[offset:offset + len(body)] = body
    return bytes(out)


def elf_seeds():
    exit_code = [addi(10, 0, 0), addi(17, 0, 93), ECALL]
    seeds = {
        "code_only.elf": elf(exit_code),
        "code_data_bss.elf": elf(exit_code, b"hello\n" * 10, bss=0x3000),
        "bss_only_data.elf": elf(exit_code, b"", bss=0x100, data_address=0x11000),
        "entry_inside.elf": elf([addi(0, 0, 0)] * 8 + exit_code, entry=0x10010),
        "truncated.elf": elf(exit_code)[:60],
    }
    for name in ("crc32.elf", "tests/syscall_checks.elf"):
        seeds["prebuilt_" + name.split("/")[-1]] = (ROOT / "userland" / "prebuilt" / name).read_bytes()
    return seeds


# FuzzedDataProvider takes integers from the END of the input, one byte per 8 bits of range;
# these helpers give the bytes in the order the target consumes them (fuzz/syscalls_fuzz.cpp).
KNOWN = [17, 23, 24, 34, 35, 49, 56, 57, 59, 61, 62, 63, 64, 80, 93, 94, 124, 129, 172, 173, 214, 221, 260,
         1000, 1002, 1003, 1004, 1005, 1006, 1001]


def small(value): return [0, value]                    # kind 0: 0..8
def data_pointer(offset): return [1, offset >> 8, offset & 0xff]
def string(index): return [2, index]                   # kind 2: "/", "/tmp", "file", ..., 9: argv array
def length(value): return [3, value >> 16, (value >> 8) & 0xff, value & 0xff]
def stack(offset): return [4, offset >> 16, (offset >> 8) & 0xff, offset & 0xff]
def code(word): return [5, word]
def minus(value): return [6, value - 1]
def raw(value): return [7] + list(struct.pack(">I", value & 0xffffffff))


def call(number, *args):
    args = list(args) + [small(0)] * (6 - len(args))
    return [10, KNOWN.index(number)] + [b for a in args for b in a]


def fdp_input(calls, repeats=1, two_cpus=False, data=b""):
    consumed = [1 if two_cpus else 0, len(calls) - 1, repeats - 1] + [b for c in calls for b in c]
    return data + bytes(reversed(consumed))


def syscall_seeds():
    rng = random.Random(20261201)
    seeds = {
        "fork_wait": fdp_input([call(1000), call(260, minus(1), data_pointer(0x100)), call(64, small(1), string(1), small(4))]),
        "fork_storm": fdp_input([call(1000)] * 8, repeats=3),
        "thread_create_join": fdp_input([call(1004, code(0), small(0), stack(0x8000)), call(1005, small(2)),
                                         call(1006)], two_cpus=True),
        "thread_storm": fdp_input([call(1004, code(0), small(0), stack(0x8000))] * 8, repeats=3),
        "pipe_write_read": fdp_input([call(59, data_pointer(0x100)), call(64, small(4), string(0), small(1)),
                                      call(63, small(3), data_pointer(0x200), small(1)), call(57, small(4)),
                                      call(63, small(3), data_pointer(0x200), small(1))]),
        "open_write_close": fdp_input([call(56, raw(-100), string(2), length(0o102), length(0o644)),
                                       call(64, small(3), string(1), small(4)), call(57, small(3)),
                                       call(34, raw(-100), string(3), length(0o755)), call(49, string(1)),
                                       call(17, data_pointer(0x300), length(64))], repeats=2),
        "brk_sleep_kill": fdp_input([call(214, small(0)), call(214, raw(0x30000)), call(1002, small(3)),
                                     call(172), call(129, small(1), small(9))]),
    }
    for size in (16, 48, 96, 160, 256, 400, 700, 1200):
        seeds["random_%d" % size] = bytes(rng.randrange(256) for _ in range(size))
    seeds["zeros_128"] = bytes(128)
    seeds["ones_128"] = b"\xff" * 128
    return seeds

# --- fat32: small FAT32 volumes (fewer clusters than the specification asks, which kernsim
# reads), only their first sectors: the target pads an input to the size its boot sector says.
FAT_TOTAL = 128      # sectors of 512 bytes: 64 KiB
FAT_RESERVED = 32
FAT_SIZE = 1         # one sector per FAT: 128 entries for 94 clusters
FAT_DATA = FAT_RESERVED + 2 * FAT_SIZE


def lfn_checksum(short):
    total = 0
    for byte in short:
        total = (((total & 1) << 7) + (total >> 1) + byte) & 0xff
    return total


def short_entry(name, attributes, cluster, size):
    return name + struct.pack("<BBBHHHHHHHI", attributes, 0, 0, 0, 0x21, 0x21, cluster >> 16, 0, 0x21,
                              cluster & 0xffff, size)


def long_entries(text, short):
    chars = [ord(c) for c in text] + [0]
    chars += [0xffff] * (-len(chars) % 13)
    parts = [chars[i:i + 13] for i in range(0, len(chars), 13)]
    out = b""
    for k in range(len(parts), 0, -1):
        part = parts[k - 1]
        ordinal = k | (0x40 if k == len(parts) else 0)
        out += (struct.pack("<B5H", ordinal, *part[0:5]) + bytes([0x0f, 0, lfn_checksum(short)]) +
                struct.pack("<6H", *part[5:11]) + b"\0\0" + struct.pack("<2H", *part[11:13]))
    return out


def fat_volume(fat=None, root=None, clusters=None, bpb=None):
    boot = bytearray(512)
    boot[0:3] = b"\xeb\x58\x90"
    boot[3:11] = b"KERNSIM "
    struct.pack_into("<HBHBHHBHHHII", boot, 11, 512, 1, FAT_RESERVED, 2, 0, 0, 0xf8, 0, 32, 64, 0, FAT_TOTAL)
    struct.pack_into("<IHHIHH", boot, 36, FAT_SIZE, 0, 0, 2, 1, 6)
    boot[64], boot[66] = 0x80, 0x29
    struct.pack_into("<I", boot, 67, 0x4B53494D)
    boot[71:82] = b"SEED       "
    boot[82:90] = b"FAT32   "
    boot[510:512] = b"\x55\xaa"
    for offset, value in (bpb or {}).items():
        boot[offset:offset + len(value)] = value
    fsinfo = bytearray(512)
    struct.pack_into("<I", fsinfo, 0, 0x41615252)
    struct.pack_into("<III", fsinfo, 484, 0x61417272, 0xffffffff, 0xffffffff)
    struct.pack_into("<I", fsinfo, 508, 0xaa550000)
    image = bytearray(512 * (FAT_DATA + 8))
    image[0:512] = boot
    image[512:1024] = fsinfo
    image[6 * 512:7 * 512] = boot
    image[7 * 512:8 * 512] = fsinfo
    table = {0: 0x0ffffff8, 1: 0x0fffffff, 2: 0x0fffffff, 3: 4, 4: 5, 5: 0x0fffffff, 6: 0x0fffffff, 7: 0x0fffffff}
    table.update(fat or {})
    for copy in range(2):
        for cluster, value in table.items():
            struct.pack_into("<I", image, (FAT_RESERVED + copy * FAT_SIZE) * 512 + 4 * cluster, value)
    long_short = b"ALONGF~1TXT"
    root_dir = (short_entry(b"SEED       ", 0x08, 0, 0) + long_entries("A long file name.txt", long_short) +
                short_entry(long_short, 0x20, 3, 1300) + short_entry(b"SUB        ", 0x10, 6, 0) +
                short_entry(b"EMPTY      ", 0x20, 0, 0))
    sub_dir = (short_entry(b".          ", 0x10, 6, 0) + short_entry(b"..         ", 0x10, 0, 0) +
               short_entry(b"HELLO   TXT", 0x20, 7, 6))
    contents = {2: root if root is not None else root_dir, 3: b"a" * 512, 4: b"b" * 512, 5: b"c" * 276, 6: sub_dir,
                7: b"hello\n"}
    contents.update(clusters or {})
    for cluster, content in contents.items():
        at = (FAT_DATA + cluster - 2) * 512
        image[at:at + len(content)] = content
    return bytes(image)


def fat32_seeds():
    valid = fat_volume()
    cycle_sub = (short_entry(b".          ", 0x10, 6, 0) + short_entry(b"..         ", 0x10, 0, 0) +
                 short_entry(b"LOOP       ", 0x10, 6, 0))
    return {
        "valid": valid,
        "fat_loop": fat_volume(fat={5: 3}),
        "cross_link": fat_volume(fat={7: 4}),
        "out_of_range": fat_volume(fat={4: 5000}),
        "free_in_chain": fat_volume(fat={4: 0}),
        "directory_cycle": fat_volume(clusters={6: cycle_sub}),
        "huge_size": fat_volume(clusters={7: b"hello\n"}, root=None, fat=None).replace(
            struct.pack("<I", 1300), struct.pack("<I", 0xffffffff), 1),
        "bytes_per_sector_zero": fat_volume(bpb={11: b"\0\0"}),
        "sectors_per_cluster_three": fat_volume(bpb={13: b"\x03"}),
        "root_cluster_zero": fat_volume(bpb={44: b"\0\0\0\0"}),
        "truncated": b"\xea" + valid[1:3 * 512],  # an even first byte: the target keeps it short
    }


def main():
    for folder, seeds in (("rv32_decode", decode_seeds()), ("elf_loader", elf_seeds()), ("syscalls", syscall_seeds()),
                            ("fat32", fat32_seeds())):
        target = HERE / folder
        if target.exists():
            shutil.rmtree(target)
        target.mkdir()
        for name, content in seeds.items():
            (target / name).write_bytes(content)
        print("%s: %d seeds" % (folder, len(seeds)))


if __name__ == "__main__":
    main()
