package io.orbitr.core.proxy;

import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a JSON array of routes, read: the route when it is valid, otherwise every problem found in it.
 *
 * @param index    the element's position in the array, from 0
 * @param name     the route's name as given, empty when it had none (for messages)
 * @param route    the route, present exactly when there are no problems
 * @param problems every problem of the element: wrong JSON types, unknown fields, invalid values
 */
public record ParsedRoute(int index, String name, Optional<Route> route, List<RouteProblem> problems) {

    /** Freezes the problems and checks that a route and problems do not come together. */
    public ParsedRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(route, "route");
        problems = List.copyOf(problems);
        if (route.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a parsed route has either a route or problems");
        }
    }

    /** @return how messages name the element: {@code routes[3] (web)}, or {@code routes[3]} without a name */
    public String label() {
        return "routes[" + index + "]" + (name.isEmpty() ? "" : " (" + name + ")");
    }
}
