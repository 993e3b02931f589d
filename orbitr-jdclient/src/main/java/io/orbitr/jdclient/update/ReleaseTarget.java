package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * A platform sv2-apps publishes a build for: one {@code miner-apps-<target>.tar.gz} asset per release. There is no
 * Windows build.
 */
public enum ReleaseTarget {
    /** 64-bit Intel/AMD Linux, statically linked against musl. */
    X86_64_LINUX("x86_64-unknown-linux-musl", BinaryFormat.ELF, Cpu.X86_64),
    /** 64-bit ARM Linux, statically linked against musl. */
    AARCH64_LINUX("aarch64-unknown-linux-musl", BinaryFormat.ELF, Cpu.AARCH64),
    /** Intel macOS. */
    X86_64_MACOS("x86_64-apple-darwin", BinaryFormat.MACH_O, Cpu.X86_64),
    /** Apple silicon macOS. */
    AARCH64_MACOS("aarch64-apple-darwin", BinaryFormat.MACH_O, Cpu.AARCH64);

    /** The executable file formats the targets use. */
    enum BinaryFormat { ELF, MACH_O }

    /** The processor families the targets run on. */
    enum Cpu { X86_64, AARCH64 }

    private final String triple;
    private final BinaryFormat format;
    private final Cpu cpu;

    ReleaseTarget(String triple, BinaryFormat format, Cpu cpu) {
        this.triple = triple;
        this.format = format;
        this.cpu = cpu;
    }

    /** @return the Rust target triple, for example {@code x86_64-unknown-linux-musl} */
    public String triple() {
        return triple;
    }

    /** @return the release asset built for this target, for example {@code miner-apps-x86_64-unknown-linux-musl.tar.gz} */
    public String assetName() {
        return "miner-apps-" + triple + ".tar.gz";
    }

    BinaryFormat format() {
        return format;
    }

    Cpu cpu() {
        return cpu;
    }

    /**
     * @return the target of the running JVM
     * @throws InvalidValueException when sv2-apps publishes no build for this operating system or processor
     */
    public static ReleaseTarget current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Maps Java's {@code os.name} and {@code os.arch} to a target.
     *
     * @param osName the {@code os.name} value, for example {@code Linux} or {@code Mac OS X}
     * @param osArch the {@code os.arch} value, for example {@code amd64} or {@code aarch64}
     * @return the target
     * @throws InvalidValueException naming the platform when sv2-apps publishes no build for it
     */
    public static ReleaseTarget of(String osName, String osArch) {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        Cpu cpu = switch (arch) {
            case "amd64", "x86_64", "x64" -> Cpu.X86_64;
            case "aarch64", "arm64" -> Cpu.AARCH64;
            default -> null;
        };
        boolean linux = os.startsWith("linux");
        boolean mac = os.startsWith("mac") || os.startsWith("darwin");
        if (cpu != null && (linux || mac)) {
            for (ReleaseTarget target : values()) {
                if (target.cpu == cpu && (target.format == BinaryFormat.ELF) == linux) {
                    return target;
                }
            }
        }
        throw new InvalidValueException("platform", osName + "/" + osArch, "sv2-apps publishes jd-client only for"
                + " x86_64 and aarch64 Linux and macOS; on this platform, run jd-client in a Linux container or"
                + " VM, or install a binary you built yourself");
    }
}
