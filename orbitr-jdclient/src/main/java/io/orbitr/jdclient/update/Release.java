package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub release of sv2-apps.
 *
 * @param tag         the tag, for example {@code v0.6.0}; this is the version Orbitr records (the binary's
 *                    {@code -V} prints the crate version instead)
 * @param name        the release title, possibly empty
 * @param body        the release notes (Markdown), possibly empty
 * @param publishedAt when it was published; drafts have no date
 * @param prerelease  whether GitHub marks it as a pre-release
 * @param draft       whether it is an unpublished draft
 * @param assets      its files
 */
public record Release(String tag, String name, String body, Optional<Instant> publishedAt, boolean prerelease,
                      boolean draft, List<ReleaseAsset> assets) {
    /** Tags become directory names, so only plain characters are accepted: never '/', never a leading dot. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");

    /** Validates the release. */
    public Release {
        requireValidTag("tag", tag);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(publishedAt, "publishedAt");
        assets = List.copyOf(assets);
    }

    /**
     * @param target a platform
     * @return the archive built for it, if this release has one
     */
    public Optional<ReleaseAsset> assetFor(ReleaseTarget target) {
        return assets.stream().filter(asset -> asset.name().equals(target.assetName())).findFirst();
    }

    /**
     * @param field what the tag is, for the error message
     * @param tag   a release tag or installed version
     * @return the tag
     * @throws InvalidValueException when it could not safely name a directory
     */
    static String requireValidTag(String field, String tag) {
        Objects.requireNonNull(tag, field);
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidValueException(field, tag, "must be 1 to 100 letters, digits, '.', '_', '+' or '-',"
                    + " starting with a letter or digit (for example v0.6.0)");
        }
        return tag;
    }
}
