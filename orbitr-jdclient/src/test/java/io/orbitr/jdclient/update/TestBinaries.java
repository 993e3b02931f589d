package io.orbitr.jdclient.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Executables for the updater's tests: crafted headers for the architecture check, busybox to run. */
final class TestBinaries {
    static final short EM_X86_64 = 62;
    static final short EM_AARCH64 = 183;
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestBinaries() {
    }

    /**
     * A 64-bit little-endian ELF header for a machine, padded with a marker so that two binaries differ.
     */
    static byte[] elf(short machine, String marker) {
        byte[] markerBytes = marker.getBytes();
        ByteBuffer buffer = ByteBuffer.allocate(64 + markerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        buffer.position(16);
        buffer.putShort((short) 2); // e_type: executable
        buffer.putShort(machine);
        buffer.putInt(1); // e_version
        buffer.position(64);
        buffer.put(markerBytes);
        return buffer.array();
    }

    /** An ELF binary for this test machine's processor (x86_64 or aarch64). */
    static byte[] elfForThisMachine(String marker) {
        return elf(thisMachine(), marker);
    }

    /** An ELF binary for the other processor. */
    static byte[] elfForAnotherMachine(String marker) {
        return elf(thisMachine() == EM_X86_64 ? EM_AARCH64 : EM_X86_64, marker);
    }

    /** A 64-bit Mach-O header for a cputype. */
    static byte[] machO(int cpuType) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFEEDFACF).putInt(cpuType).array();
    }

    /** A universal (fat) Mach-O header with one slice per cputype. */
    static byte[] universal(int... cpuTypes) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 20 * cpuTypes.length).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(0xCAFEBABE).putInt(cpuTypes.length);
        for (int type : cpuTypes) {
            buffer.putInt(type).putInt(3).putInt(0).putInt(0).putInt(14);
        }
        return buffer.array();
    }

    static ReleaseTarget thisLinuxTarget() {
        return thisMachine() == EM_X86_64 ? ReleaseTarget.X86_64_LINUX : ReleaseTarget.AARCH64_LINUX;
    }

    static byte[] busybox() {
        try {
            return Files.readAllBytes(BUSYBOX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static short thisMachine() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? EM_AARCH64 : EM_X86_64;
    }
}
