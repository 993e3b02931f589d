package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** The shell scripts under src/test/resources that behave like the programs a supervisor meets. */
final class TestPrograms {
    private TestPrograms() {
    }

    /**
     * @param name   a process name
     * @param script a script's file name
     * @param args   its arguments
     * @return a builder that runs it with /bin/sh
     */
    static ProcessSpec.Builder script(String name, String script, String... args) {
        return ProcessSpec.builder(name, "/bin/sh").args(path(script).toString()).args(List.of(args));
    }

    static Path path(String script) {
        URL url = TestPrograms.class.getResource(script);
        if (url == null) {
            throw new IllegalArgumentException("no test script " + script);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
