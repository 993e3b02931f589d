package io.orbitr.jdclient.instance;

import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.fake.Ports;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A host for the jd-client crash test, run in a JVM of its own. With {@code create}, it creates a configuration and
 * an instance and starts it; with {@code open}, it only assembles the platform, which restores the instance. Then it
 * says so on stdout and waits to be killed.
 *
 * <p>Arguments: the data directory, then {@code create} or {@code open}.
 */
public final class InstanceCrashHost {
    private InstanceCrashHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]).toAbsolutePath().normalize();
        // The platform's own file store, opened with WRITE_DELAY=0 as the durability work makes the default.
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + data.resolve("orbitr")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        Orbitr orbitr = platform(Orbitr.builder().dataDirectory(data).dataSource(pool, "crash host"));
        InstanceManager jdc = orbitr.feature(InstanceManager.class);
        if (args[1].equals("create")) {
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            Instance instance = jdc.create("miner-1", "pool-a");
            say("instance " + instance.id());
            jdc.start("miner-1");
        }
        say("assembled");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** @return the platform the host and the test both assemble: the jd-client feature with a short start period */
    static Orbitr platform(Orbitr.Builder builder) {
        return builder.noDiscovery().register(new JdClientFeatureProvider(b -> b.startPeriod(Duration.ofMillis(100))
                .gracePeriod(Duration.ofSeconds(5)))).build();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
