package io.orbitr.core.crash;

import io.orbitr.core.Orbitr;
import io.orbitr.process.ProcessSpec;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A host for crash tests, run in a JVM of its own: assembles an Orbitr on a data directory (which stops what an
 * earlier host left running), starts the crash programs, says so on stdout, and waits to be killed.
 *
 * <p>Arguments: the data directory and the marker.
 */
public final class CrashHost {
    private CrashHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]).toAbsolutePath().normalize();
        String marker = args[1];
        // The platform's own file store, opened with WRITE_DELAY=0 so that a commit is in the operating system's
        // hands before it returns, as the durability work makes the default.
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + data.resolve("orbitr")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        Orbitr orbitr = Orbitr.builder().noDiscovery().dataDirectory(data).dataSource(pool, "crash host").build();
        say("assembled");
        for (ProcessSpec spec : CrashPrograms.specs(marker)) {
            orbitr.processes().start(spec);
            say("started " + spec.name());
        }
        say("all started");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
