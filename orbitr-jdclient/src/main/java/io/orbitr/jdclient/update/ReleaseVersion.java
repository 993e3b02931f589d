package io.orbitr.jdclient.update;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tag read as a semantic version ({@code v1.2.3}, {@code v1.2.3-rc.1}), so that v0.10.0 sorts after v0.9.0. */
record ReleaseVersion(int major, int minor, int patch, String preRelease) implements Comparable<ReleaseVersion> {
    private static final Pattern SEMVER = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:-([0-9A-Za-z.-]+))?"
            + "(?:\\+[0-9A-Za-z.-]+)?");
    private static final Comparator<ReleaseVersion> ORDER = Comparator.comparingInt(ReleaseVersion::major)
            .thenComparingInt(ReleaseVersion::minor).thenComparingInt(ReleaseVersion::patch)
            // A release sorts after its own pre-releases.
            .thenComparing(v -> v.preRelease.isEmpty())
            .thenComparing(ReleaseVersion::preRelease);

    static Optional<ReleaseVersion> parse(String tag) {
        Matcher matcher = SEMVER.matcher(tag);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), matcher.group(4) == null ? "" : matcher.group(4)));
    }

    /** @return whether {@code candidate} is newer than {@code installed}; unreadable tags count as newer when different */
    static boolean isNewer(String candidate, String installed) {
        Optional<ReleaseVersion> a = parse(candidate);
        Optional<ReleaseVersion> b = parse(installed);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get()) > 0;
        }
        return !candidate.equals(installed);
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return ORDER.compare(this, other);
    }
}
