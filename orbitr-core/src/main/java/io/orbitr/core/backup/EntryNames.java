package io.orbitr.core.backup;

import io.orbitr.backup.BackupPart;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of an archive's entries, and the one rule every name must follow before anything is written from it: a
 * relative path of plain names separated by {@code /}, so that it cannot land outside its target. Absolute names,
 * {@code ..}, {@code .}, empty segments, backslashes, drive letters and control characters are refused.
 */
final class EntryNames {
    static final String STORE_PREFIX = "store/";
    static final String FILES_PREFIX = "files/";
    static final String PROXY_PREFIX = "proxy/";
    static final String VOLUMES_PREFIX = "volumes/";
    static final String VOLUME_SUFFIX = ".tar";
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private EntryNames() {
    }

    /**
     * @param name a name from an archive or a tar stream
     * @return why it could land outside its target, or empty when it is safe
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("has an empty name");
        }
        if (name.startsWith("/")) {
            return Optional.of("is an absolute path");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash");
        }
        if (name.length() > 1 && name.charAt(1) == ':') {
            return Optional.of("starts with a drive letter");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("contains a control character");
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("climbs out of its directory with '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return Optional.of("has an empty or '.' path segment");
            }
        }
        return Optional.empty();
    }

    /**
     * @param kind what the part holds
     * @param name its entry name
     * @return why the name does not fit the kind, or empty when it does
     */
    static Optional<String> kindProblem(BackupPart.Kind kind, String name) {
        String prefix = switch (kind) {
            case STORE -> STORE_PREFIX;
            case FILE -> FILES_PREFIX;
            case PROXY -> PROXY_PREFIX;
            case VOLUME -> VOLUMES_PREFIX;
        };
        if (!name.startsWith(prefix) || name.length() == prefix.length() || name.endsWith("/")) {
            return Optional.of("is not a " + kind + " entry (" + prefix + "NAME)");
        }
        String rest = name.substring(prefix.length());
        if ((kind == BackupPart.Kind.STORE || kind == BackupPart.Kind.PROXY) && rest.contains("/")) {
            return Optional.of("must be a plain file name under " + prefix);
        }
        if (kind == BackupPart.Kind.VOLUME && !volumeName(name).isPresent()) {
            return Optional.of("must be " + VOLUMES_PREFIX + "VOLUME" + VOLUME_SUFFIX);
        }
        return Optional.empty();
    }

    /**
     * @param entry a volume entry's name
     * @return the volume's name, or empty when the entry is not {@code volumes/NAME.tar} with a valid volume name
     */
    static Optional<String> volumeName(String entry) {
        if (!entry.startsWith(VOLUMES_PREFIX) || !entry.endsWith(VOLUME_SUFFIX)) {
            return Optional.empty();
        }
        String name = entry.substring(VOLUMES_PREFIX.length(), entry.length() - VOLUME_SUFFIX.length());
        return VOLUME_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /**
     * @param volume a volume's name
     * @return its entry name
     */
    static String volumeEntry(String volume) {
        return VOLUMES_PREFIX + volume + VOLUME_SUFFIX;
    }
}
