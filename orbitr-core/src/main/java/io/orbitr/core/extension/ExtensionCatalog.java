package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.extension.CatalogEntry;
import io.orbitr.extension.ExtensionManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests available to install: the built-in ones shipped as resources, then those in the configured
 * directories ({@code *.yml}, {@code *.yaml} and {@code <dir>/orbitr-extension.yml}), a later one replacing an earlier
 * one of the same id. A manifest that does not read is logged and left out. Immutable once loaded.
 */
public final class ExtensionCatalog {
    /** What {@link CatalogEntry#source()} says for a built-in manifest. */
    public static final String BUILT_IN = "built-in";
    private static final Logger log = LoggerFactory.getLogger(ExtensionCatalog.class);
    private static final String RESOURCES = "catalog/";

    private final Map<String, CatalogEntry> entries;

    private ExtensionCatalog(Map<String, CatalogEntry> entries) {
        this.entries = entries;
    }

    /**
     * @param directories the user's catalog directories, read in order
     * @return the catalog
     */
    public static ExtensionCatalog load(List<Path> directories) {
        Map<String, CatalogEntry> entries = new TreeMap<>();
        for (String name : builtInNames()) {
            ExtensionManifest manifest = ManifestReader.read(builtIn(name), name);
            entries.put(manifest.id(), new CatalogEntry(manifest, BUILT_IN));
        }
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                log.warn("extension catalog directory {} does not exist; skipped", directory);
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    Path manifestFile = Files.isDirectory(file) ? file.resolve("orbitr-extension.yml") : file;
                    String fileName = manifestFile.getFileName().toString();
                    if (!Files.isRegularFile(manifestFile) || !(fileName.endsWith(".yml") || fileName.endsWith(".yaml"))) {
                        continue;
                    }
                    try {
                        ExtensionManifest manifest = ManifestReader.read(Files.readString(manifestFile),
                                manifestFile.toString());
                        entries.put(manifest.id(), new CatalogEntry(manifest, manifestFile.toString()));
                    } catch (InvalidValueException e) {
                        log.warn("extension catalog: {} left out: {}", manifestFile, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new OrbitrException("cannot read the extension catalog directory " + directory + ": "
                        + e.getMessage(), e);
            }
        }
        return new ExtensionCatalog(entries);
    }

    /** @return the names of the built-in manifests' resources */
    public static List<String> builtInNames() {
        String index = resource("index.txt");
        return index.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * @param name a built-in manifest's resource name ({@code redis.yml})
     * @return its text
     */
    public static String builtIn(String name) {
        return resource(name);
    }

    private static String resource(String name) {
        try (InputStream in = ExtensionCatalog.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new OrbitrException("the built-in extension catalog lacks " + name + "; the orbitr-core jar is"
                        + " incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every entry, by id */
    public List<CatalogEntry> all() {
        return List.copyOf(entries.values());
    }

    /**
     * @param id an id
     * @return its entry
     */
    public Optional<CatalogEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * @param text     matched in id, name and description, ignoring case; empty for any
     * @param category an exact category (ignoring case), or empty
     * @return the matching entries, by id
     */
    public List<CatalogEntry> search(String text, Optional<String> category) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry entry : entries.values()) {
            ExtensionManifest m = entry.manifest();
            boolean textMatches = needle.isEmpty() || (m.id() + "\n" + m.name() + "\n" + m.description())
                    .toLowerCase(Locale.ROOT).contains(needle);
            boolean categoryMatches = category.isEmpty() || category.get().equalsIgnoreCase(m.category());
            if (textMatches && categoryMatches) {
                out.add(entry);
            }
        }
        return out;
    }
}
