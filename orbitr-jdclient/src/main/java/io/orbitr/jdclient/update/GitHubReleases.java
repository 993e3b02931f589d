package io.orbitr.jdclient.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two calls of GitHub's releases API the updater needs. Reads the JSON as a tree so that GitHub adding
 * fields never breaks an install.
 */
final class GitHubReleases {
    /** One page is enough: sv2-apps publishes a release every few weeks. */
    private static final int PAGE_SIZE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<HttpClient> client;
    private final UpdateSettings settings;
    private final URI releasesUrl;

    GitHubReleases(Supplier<HttpClient> client, UpdateSettings settings) {
        this.client = client;
        this.settings = settings;
        String base = settings.apiBaseUrl().toString().replaceAll("/+$", "");
        this.releasesUrl = URI.create(base + "/repos/" + settings.repository() + "/releases");
    }

    /** @return the published releases, newest first as GitHub orders them, drafts included */
    List<Release> list() {
        JsonNode array = get(URI.create(releasesUrl + "?per_page=" + PAGE_SIZE), "the releases",
                () -> new NotFoundException("repository", settings.repository() + " at " + settings.apiBaseUrl()));
        if (!array.isArray()) {
            throw malformed(releasesUrl, "a JSON array");
        }
        List<Release> releases = new ArrayList<>();
        for (JsonNode node : array) {
            releases.add(release(node));
        }
        return releases;
    }

    /** @return the release GitHub marks as latest: never a draft or a pre-release */
    Release latest() {
        URI url = URI.create(releasesUrl + "/latest");
        return release(get(url, "the latest release", () -> new NotFoundException("release", "latest of "
                + settings.repository() + ": it has no published release that is not a pre-release")));
    }

    private JsonNode get(URI url, String what, Supplier<NotFoundException> notFound) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", userAgent())
                .GET().build();
        HttpResponse<String> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + what + " of " + settings.repository() + " from " + url
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while reading " + what + " from " + url, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw notFound.get();
        }
        if ((status == 403 || status == 429) && response.headers().firstValue("x-ratelimit-remaining")
                .filter("0"::equals).isPresent()) {
            String reset = response.headers().firstValueAsLong("x-ratelimit-reset")
                    .stream().mapToObj(seconds -> " after " + Instant.ofEpochSecond(seconds)).findFirst().orElse("");
            throw new UnavailableException("the GitHub API rate limit for this address is used up; try again" + reset);
        }
        if (status / 100 != 2) {
            throw new UnavailableException(url + " answered HTTP " + status + " while reading " + what);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new OrbitrException(url + " did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String userAgent() {
        // GitHub refuses API calls without a User-Agent.
        return "orbitr/" + Orbitr.version();
    }

    private Release release(JsonNode node) {
        String tag = text(node, "tag_name").orElseThrow(() -> malformed(releasesUrl, "releases with a tag_name"));
        List<ReleaseAsset> assets = new ArrayList<>();
        for (JsonNode asset : node.path("assets")) {
            Optional<String> name = text(asset, "name");
            Optional<String> url = text(asset, "browser_download_url");
            if (name.isEmpty() || url.isEmpty()) {
                throw malformed(releasesUrl, "assets with a name and a browser_download_url");
            }
            assets.add(new ReleaseAsset(name.get(), Math.max(0, asset.path("size").asLong(0)), URI.create(url.get()),
                    text(asset, "digest")));
        }
        return new Release(tag, text(node, "name").orElse(""), text(node, "body").orElse(""),
                text(node, "published_at").map(GitHubReleases::instant), node.path("prerelease").asBoolean(false),
                node.path("draft").asBoolean(false), assets);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new OrbitrException("GitHub answered a published_at that is not an ISO-8601 instant: " + text, e);
        }
    }

    private static OrbitrException malformed(URI url, String expected) {
        return new OrbitrException(url + " did not answer in GitHub's shape: expected " + expected);
    }
}
