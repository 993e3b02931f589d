package io.orbitr.jdclient.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.jdclient.update.ReleaseTarget.BinaryFormat;
import io.orbitr.jdclient.update.ReleaseTarget.Cpu;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutableHeaderTest {
    private static final int CPU_TYPE_X86_64 = 0x01000007;
    private static final int CPU_TYPE_ARM64 = 0x0100000C;

    @Test
    void readsTheMachineOfAnElfBinary() {
        assertThat(ExecutableHeader.parse(TestBinaries.elf(TestBinaries.EM_X86_64, "x")))
                .isEqualTo(new ExecutableHeader(Optional.of(BinaryFormat.ELF), java.util.Set.of(Cpu.X86_64),
                        "an ELF x86_64 binary"));
        assertThat(ExecutableHeader.parse(TestBinaries.elf(TestBinaries.EM_AARCH64, "x")).cpus())
                .containsExactly(Cpu.AARCH64);
    }

    @Test
    void aRealBinaryOfThisMachineMatchesItsTarget() {
        assertThat(ExecutableHeader.read(TestBinaries.BUSYBOX).cpus())
                .containsExactly(TestBinaries.thisLinuxTarget().cpu());
    }

    @Test
    void a32BitElfIsNoneOfTheTargets() {
        byte[] header = TestBinaries.elf((short) 3, "i386");
        header[4] = 1;

        ExecutableHeader parsed = ExecutableHeader.parse(header);

        assertThat(parsed.cpus()).isEmpty();
        assertThat(parsed.description()).isEqualTo("an ELF binary for machine 3 (32-bit)");
    }

    @Test
    void readsMachOAndUniversalBinaries() {
        assertThat(ExecutableHeader.parse(TestBinaries.machO(CPU_TYPE_ARM64)).cpus()).containsExactly(Cpu.AARCH64);
        assertThat(ExecutableHeader.parse(TestBinaries.machO(CPU_TYPE_ARM64)).format()).contains(BinaryFormat.MACH_O);
        ExecutableHeader universal = ExecutableHeader.parse(TestBinaries.universal(CPU_TYPE_X86_64, CPU_TYPE_ARM64));
        assertThat(universal.cpus()).containsExactlyInAnyOrder(Cpu.X86_64, Cpu.AARCH64);
        assertThat(universal.description()).isEqualTo("a Mach-O aarch64+x86_64 binary");
    }

    @Test
    void scriptsAndOtherFilesAreNotExecutablesOfAnyTarget() {
        assertThat(ExecutableHeader.parse("#!/bin/sh\n".getBytes()).format()).isEmpty();
        assertThat(ExecutableHeader.parse(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0,
            65}).format()).as("a Java class file shares the universal magic").isEmpty();
        assertThat(ExecutableHeader.parse(new byte[0]).description()).contains("not an ELF or Mach-O");
    }
}
