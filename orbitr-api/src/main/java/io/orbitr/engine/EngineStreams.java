package io.orbitr.engine;

/** The live streams of a container engine (logs, stats, events), as opposed to its request/response calls. */
public interface EngineStreams {
}
