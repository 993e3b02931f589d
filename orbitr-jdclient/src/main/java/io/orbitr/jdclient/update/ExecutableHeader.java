package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.jdclient.update.ReleaseTarget.BinaryFormat;
import io.orbitr.jdclient.update.ReleaseTarget.Cpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an executable's header says it runs on: the ELF {@code e_machine} field, or the Mach-O {@code cputype}
 * (of every slice, for a universal binary). Used to refuse a binary that cannot run here before it replaces one
 * that can.
 *
 * @param format      the file format, empty when it is neither ELF nor Mach-O
 * @param cpus        the processors it contains code for
 * @param description what it is, in words, for messages
 */
record ExecutableHeader(Optional<BinaryFormat> format, Set<Cpu> cpus, String description) {
    private static final int READ_BYTES = 4096;
    private static final short EM_X86_64 = 62;
    private static final short EM_AARCH64 = 183;
    private static final int CPU_TYPE_X86_64 = 0x01000007;
    private static final int CPU_TYPE_ARM64 = 0x0100000C;
    /** More slices than this means a Java class file, which shares the universal binary's magic. */
    private static final int MAX_FAT_SLICES = 16;

    /**
     * @throws InvalidValueException when the binary is not the target's format and processor
     */
    static void requireRunnableOn(Path binary, ReleaseTarget target, String archiveName) {
        ExecutableHeader header = read(binary);
        if (header.format().equals(Optional.of(target.format())) && header.cpus().contains(target.cpu())) {
            return;
        }
        throw new InvalidValueException("architecture of " + ArchiveExtractor.BINARY_ENTRY + " in " + archiveName,
                header.description(), "must be a " + describe(target.format(), Set.of(target.cpu()))
                + " binary to run on " + target.triple() + "; the archive is mislabelled or was tampered with");
    }

    static ExecutableHeader read(Path binary) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(binary)) {
            bytes = in.readNBytes(READ_BYTES);
        } catch (IOException e) {
            throw new OrbitrException("cannot read " + binary + ": " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    static ExecutableHeader parse(byte[] bytes) {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (bytes.length >= 20 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            header.order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return elf(header.getShort(18), bytes[4] == 2);
        }
        if (bytes.length >= 8) {
            int bigEndianMagic = header.getInt(0);
            if (bigEndianMagic == 0xCFFAEDFE || bigEndianMagic == 0xCEFAEDFE) {
                return machO(header.order(ByteOrder.LITTLE_ENDIAN).getInt(4));
            }
            if (bigEndianMagic == 0xFEEDFACF || bigEndianMagic == 0xFEEDFACE) {
                return machO(header.getInt(4));
            }
            if (bigEndianMagic == 0xCAFEBABE) {
                Optional<ExecutableHeader> fat = universal(header);
                if (fat.isPresent()) {
                    return fat.get();
                }
            }
        }
        return new ExecutableHeader(Optional.empty(), Set.of(), bytes.length >= 2 && bytes[0] == '#'
                && bytes[1] == '!' ? "a script, not a native executable" : "not an ELF or Mach-O executable");
    }

    private static ExecutableHeader elf(short machine, boolean is64Bit) {
        Set<Cpu> cpus = EnumSet.noneOf(Cpu.class);
        if (is64Bit && machine == EM_X86_64) {
            cpus.add(Cpu.X86_64);
        } else if (is64Bit && machine == EM_AARCH64) {
            cpus.add(Cpu.AARCH64);
        }
        String description = cpus.isEmpty() ? "an ELF binary for machine " + (machine & 0xffff)
                + (is64Bit ? "" : " (32-bit)") : "an " + describe(BinaryFormat.ELF, cpus) + " binary";
        return new ExecutableHeader(Optional.of(BinaryFormat.ELF), Set.copyOf(cpus), description);
    }

    private static ExecutableHeader machO(int... cpuTypes) {
        Set<Cpu> cpus = EnumSet.noneOf(Cpu.class);
        for (int type : cpuTypes) {
            if (type == CPU_TYPE_X86_64) {
                cpus.add(Cpu.X86_64);
            } else if (type == CPU_TYPE_ARM64) {
                cpus.add(Cpu.AARCH64);
            }
        }
        String description = cpus.isEmpty() ? "a Mach-O binary for cputype 0x" + Integer.toHexString(cpuTypes[0])
                : "a " + describe(BinaryFormat.MACH_O, cpus) + " binary";
        return new ExecutableHeader(Optional.of(BinaryFormat.MACH_O), Set.copyOf(cpus), description);
    }

    private static Optional<ExecutableHeader> universal(ByteBuffer header) {
        int slices = header.getInt(4);
        if (slices < 1 || slices > MAX_FAT_SLICES || header.limit() < 8 + 20 * slices) {
            return Optional.empty();
        }
        int[] types = new int[slices];
        for (int i = 0; i < slices; i++) {
            types[i] = header.getInt(8 + 20 * i);
        }
        return Optional.of(machO(types));
    }

    private static String describe(BinaryFormat format, Set<Cpu> cpus) {
        String names = String.join("+", cpus.stream().map(cpu -> cpu == Cpu.X86_64 ? "x86_64" : "aarch64")
                .sorted().toList());
        return (format == BinaryFormat.ELF ? "ELF " : "Mach-O ") + names;
    }
}
