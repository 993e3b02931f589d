package io.orbitr.jdclient.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseTargetTest {

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, X86_64_LINUX, miner-apps-x86_64-unknown-linux-musl.tar.gz",
        "Linux, x86_64, X86_64_LINUX, miner-apps-x86_64-unknown-linux-musl.tar.gz",
        "Linux, aarch64, AARCH64_LINUX, miner-apps-aarch64-unknown-linux-musl.tar.gz",
        "Mac OS X, x86_64, X86_64_MACOS, miner-apps-x86_64-apple-darwin.tar.gz",
        "Mac OS X, aarch64, AARCH64_MACOS, miner-apps-aarch64-apple-darwin.tar.gz",
        "Darwin, arm64, AARCH64_MACOS, miner-apps-aarch64-apple-darwin.tar.gz"})
    void mapsJavaPlatformNamesToReleaseAssets(String osName, String osArch, ReleaseTarget expected, String asset) {
        ReleaseTarget target = ReleaseTarget.of(osName, osArch);

        assertThat(target).isEqualTo(expected);
        assertThat(target.assetName()).isEqualTo(asset);
    }

    @ParameterizedTest
    @CsvSource({"Windows 11, amd64", "Linux, x86", "Linux, arm", "FreeBSD, amd64", "Linux, ppc64le"})
    void refusesPlatformsWithoutABuild(String osName, String osArch) {
        assertThatThrownBy(() -> ReleaseTarget.of(osName, osArch))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("invalid platform '" + osName + "/" + osArch + "'")
                .hasMessageContaining("Linux and macOS");
    }

    @ParameterizedTest
    @CsvSource({"X86_64_LINUX", "AARCH64_LINUX", "X86_64_MACOS", "AARCH64_MACOS"})
    void aReleaseOffersTheAssetOfEachTarget(ReleaseTarget target) {
        List<ReleaseAsset> assets = java.util.Arrays.stream(ReleaseTarget.values())
                .map(t -> new ReleaseAsset(t.assetName(), 10, URI.create("https://example.org/" + t.assetName()),
                        Optional.empty()))
                .toList();
        Release release = new Release("v0.6.0", "", "", Optional.empty(), false, false, assets);

        assertThat(release.assetFor(target)).get().extracting(ReleaseAsset::name).isEqualTo(target.assetName());
    }
}
