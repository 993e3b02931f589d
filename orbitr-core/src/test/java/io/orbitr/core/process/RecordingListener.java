package io.orbitr.core.process;

import io.orbitr.process.ProcessEvent;
import io.orbitr.process.ProcessListener;
import io.orbitr.process.ProcessState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every transition it hears. */
final class RecordingListener implements ProcessListener {
    final List<ProcessEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ProcessEvent event) {
        events.add(event);
    }

    List<ProcessState> states(String name) {
        return events.stream().filter(event -> event.name().equals(name)).map(ProcessEvent::state).toList();
    }
}
