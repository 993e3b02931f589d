package io.orbitr.examples.proxy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr proxy render}: Print the proxy configuration for a JSON array of routes. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Print the proxy configuration for a JSON array of routes.")
public final class ProxyRenderCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr proxy render is not available in this build");
        return 1;
    }
}
