package io.orbitr.proxy;

import java.util.Objects;

/**
 * A route that cannot be served together with the routes before it in a list: a second route for a host and path, a
 * name used twice, an entry point two layer-4 routes want.
 *
 * @param index   the route's position in the list checked, from 0
 * @param route   the route's name
 * @param problem the field, value and the clash, naming the route already there
 */
public record RouteConflict(int index, String route, RouteProblem problem) {

    /** Refuses nulls. */
    public RouteConflict {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(problem, "problem");
    }

    /** @return {@code route 'NAME': invalid FIELD 'VALUE': RULE} */
    public String message() {
        return "route '" + route + "': " + problem.message();
    }
}
