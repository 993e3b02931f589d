package io.orbitr.examples.server;

/** Serves one API operation. */
@FunctionalInterface
public interface ApiHandler {
    /**
     * @param call the request, its caller, and the answer
     * @throws Exception mapped to a problem answer
     */
    void handle(Call call) throws Exception;
}
