package io.orbitr.widgets;

/** A feature type of a module that is not on the class path, as io.orbitr:orbitr-widgets would bring. */
public interface WidgetManager {
}
