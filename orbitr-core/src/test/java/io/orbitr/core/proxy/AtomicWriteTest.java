package io.orbitr.core.proxy;

import io.orbitr.proxy.ProxyManager;
import io.orbitr.core.files.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of the proxy's directory never see half a file, nor a temporary file a proxy would load. */
class AtomicWriteTest {
    @TempDir
    Path data;

    @Test
    void aReaderSeesEitherAWholeFileOrNone() throws Exception {
        LinesGenerator generator = new LinesGenerator();
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().dataDirectory(data).register(generator)
                .build()) {
            ProxyManager proxies = orbitr.proxies();
            proxies.updateSettings(ProxySettings.builder().provider(LinesGenerator.ID).build());
            Path directory = data.resolve("proxy");
            Path file = directory.resolve("orbitr.yml");
            Files.createDirectories(directory);
            AtomicBoolean done = new AtomicBoolean();
            List<String> torn = new CopyOnWriteArrayList<>();
            Set<String> names = ConcurrentHashMap.newKeySet();
            AtomicInteger wholeReads = new AtomicInteger();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        String text = Files.readString(file);
                        if (!whole(text)) {
                            torn.add(text.length() + " characters: " + text.substring(Math.max(0, text.length() - 40)));
                        } else {
                            wholeReads.incrementAndGet();
                        }
                    } catch (NoSuchFileException e) {
                        // No routes at that moment: no file is a valid state.
                    } catch (IOException e) {
                        torn.add(e.toString());
                    }
                    try (Stream<Path> listing = Files.list(directory)) {
                        listing.forEach(p -> names.add(p.getFileName().toString()));
                    } catch (IOException e) {
                        torn.add(e.toString());
                    }
                }
            });
            reader.start();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 10; i++) {
                    proxies.create(Route.builder().name("r" + i).host("h" + i + ".example.com").target("t", 80 + i)
                            .build());
                }
                for (int i = 0; i < 10; i++) {
                    proxies.remove("r" + i);
                }
            }
            done.set(true);
            reader.join();

            assertThat(torn).as("partial reads").isEmpty();
            assertThat(wholeReads.get()).isPositive();
            assertThat(names).allSatisfy(name -> {
                assertThat(name.endsWith(".yml") || name.endsWith(".yaml")).as(name).isEqualTo(name.equals("orbitr.yml"));
            });
            assertThat(file).doesNotExist();
            try (Stream<Path> left = Files.list(directory)) {
                assertThat(left).as("no temporary file is left behind").isEmpty();
            }
        }
    }

    @Test
    void theTemporaryNameIsHiddenInTheSameDirectoryAndNotYaml() {
        Path target = data.resolve("orbitr.yml");

        Path temporary = AtomicFiles.temporaryFor(target);

        assertThat(temporary.getParent()).isEqualTo(data);
        assertThat(temporary.getFileName().toString()).startsWith(".orbitr.yml.").endsWith(".tmp");
    }

    @Test
    void replacingKeepsTheFilesPermissions() throws IOException {
        Path target = data.resolve("orbitr.yml");
        new AtomicFiles().write(target, "a: 1\n");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        new AtomicFiles().write(target, "a: 2\n");

        assertThat(Files.readString(target)).isEqualTo("a: 2\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r-----");
    }

    /** Whole: the header's count, that many route lines, and the footer with the same count. */
    private static boolean whole(String text) {
        if (!text.startsWith("# begin ") || !text.endsWith("\n")) {
            return false;
        }
        String[] lines = text.split("\n");
        String count = lines[0].substring("# begin ".length());
        return lines[lines.length - 1].equals("# end " + count) && lines.length == Integer.parseInt(count) + 2;
    }
}
