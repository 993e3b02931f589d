package io.orbitr.core.proxy;

import io.orbitr.proxy.Route;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code proxy_routes} table: one row per route, its definition as JSON. */
final class RouteStore {

    private RouteStore() {
    }

    /** @return every route, by name */
    static List<Route> list(Connection connection) throws SQLException {
        List<Route> routes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT definition FROM proxy_routes ORDER BY name");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                routes.add(RouteJson.read(rows.getString(1)));
            }
        }
        return routes;
    }

    static void insert(Connection connection, Route route, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO proxy_routes (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, route.name());
            statement.setString(2, RouteJson.write(route));
            statement.setLong(3, now);
            statement.setLong(4, now);
            statement.executeUpdate();
        }
    }

    static void update(Connection connection, Route route, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE proxy_routes SET definition = ?, updated_at = ? WHERE name = ?")) {
            statement.setString(1, RouteJson.write(route));
            statement.setLong(2, now);
            statement.setString(3, route.name());
            statement.executeUpdate();
        }
    }

    static void delete(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM proxy_routes WHERE name = ?")) {
            statement.setString(1, name);
            statement.executeUpdate();
        }
    }
}
