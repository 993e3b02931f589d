package io.orbitr.examples.server;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts (bcrypt password hashes), API tokens and browser sessions (SHA-256 of their secrets), in the server's
 * tables. Thread-safe.
 */
public final class Accounts {
    /** How long a browser session lasts. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Secrets start with this, so that scanners recognise a leaked one. */
    static final String TOKEN_PREFIX = "orbitr_";

    private final Store store;
    private final Clock clock;
    private final List<Runnable> revocationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param store the platform's store, with the server's tables ({@link ServerSchema})
     * @param clock the clock
     */
    public Accounts(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param listener told after a token, an account or a session was removed, so that whoever holds connections
     *                 opened with them (the WebSocket) checks them again; must be fast and must not throw
     */
    public void onRevocation(Runnable listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void revoked() {
        for (Runnable listener : revocationListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Accounts.class).warn("a revocation listener failed: {}", e.toString());
            }
        }
    }

    /** @return how many accounts exist */
    public int count() {
        return store.read(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM orbitr_server_account")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /**
     * @param name     the login name
     * @param role     what it may do
     * @param password at least 10 characters, at most 72 bytes
     * @return the account
     * @throws ConflictException when the name is taken
     */
    public Account create(String name, Role role, String password) {
        requireName("name", name);
        String hash = Passwords.hash(password);
        Account account = new Account(name, role, clock.instant());
        store.inTransaction(c -> {
            if (exists(c, name)) {
                throw new ConflictException("an account named '" + name + "' exists already");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orbitr_server_account"
                    + " (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, role.label());
                insert.setString(3, hash);
                insert.setLong(4, account.createdAt().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
        return account;
    }

    /** @return every account, by name */
    public List<Account> list() {
        return store.read(c -> {
            List<Account> out = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery(
                    "SELECT name, role, created_at FROM orbitr_server_account ORDER BY name")) {
                while (rows.next()) {
                    out.add(new Account(rows.getString(1), Role.parse(rows.getString(2)),
                            Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
            return out;
        });
    }

    /**
     * Removes an account and ends its sessions.
     *
     * @param name the login name
     * @throws NotFoundException when there is none
     */
    public void remove(String name) {
        store.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM orbitr_server_account WHERE name = ?");
                    PreparedStatement sessions = c.prepareStatement(
                            "DELETE FROM orbitr_server_session WHERE account = ?")) {
                delete.setString(1, name);
                if (delete.executeUpdate() == 0) {
                    throw new NotFoundException("account", name);
                }
                sessions.setString(1, name);
                sessions.executeUpdate();
            }
            return null;
        });
        revoked();
    }

    /**
     * @param name     the login name
     * @param password the password
     * @return the account, when the password is right
     */
    public Optional<Account> verify(String name, String password) {
        Optional<String[]> row = store.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT role, password_hash, created_at FROM orbitr_server_account WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new String[] {rows.getString(1), rows.getString(2),
                            Long.toString(rows.getLong(3))}) : Optional.empty();
                }
            }
        });
        if (row.isEmpty() || !Passwords.matches(row.get()[1], password)) {
            return Optional.empty();
        }
        return Optional.of(new Account(name, Role.parse(row.get()[0]),
                Instant.ofEpochMilli(Long.parseLong(row.get()[2]))));
    }

    /**
     * @param name     the token's name
     * @param role     what it may do
     * @param lifetime how long it works, empty for ever
     * @return the token with its secret (shown once; only its hash is kept)
     */
    public ApiToken createToken(String name, Role role, Optional<Duration> lifetime) {
        requireName("name", name);
        lifetime.ifPresent(d -> {
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new InvalidValueException("expires", d, "must be at least one minute");
            }
        });
        String id = Secrets.randomId(9);
        String secret = TOKEN_PREFIX + Secrets.random(32);
        Instant now = clock.instant();
        Optional<Instant> expires = lifetime.map(now::plus);
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orbitr_server_token"
                    + " (id, name, role, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, role.label());
                insert.setString(4, Secrets.sha256(secret));
                insert.setLong(5, now.toEpochMilli());
                if (expires.isPresent()) {
                    insert.setLong(6, expires.get().toEpochMilli());
                } else {
                    insert.setNull(6, Types.BIGINT);
                }
                insert.executeUpdate();
            }
            return null;
        });
        return new ApiToken(id, name, role, now, expires, Optional.of(secret));
    }

    /** @return every token, without secrets, oldest first */
    public List<ApiToken> tokens() {
        return store.read(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("SELECT id, name, role, created_at, expires_at"
                    + " FROM orbitr_server_token ORDER BY created_at, id")) {
                while (rows.next()) {
                    long expires = rows.getLong(5);
                    out.add(new ApiToken(rows.getString(1), rows.getString(2), Role.parse(rows.getString(3)),
                            Instant.ofEpochMilli(rows.getLong(4)),
                            rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)),
                            Optional.empty()));
                }
            }
            return out;
        });
    }

    /**
     * @param id the token's id
     * @throws NotFoundException when there is none
     */
    public void removeToken(String id) {
        store.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM orbitr_server_token WHERE id = ?")) {
                delete.setString(1, id);
                if (delete.executeUpdate() == 0) {
                    throw new NotFoundException("token", id);
                }
            }
            return null;
        });
        revoked();
    }

    /**
     * @param secret a bearer token
     * @return who it belongs to, when it is known and has not expired
     */
    public Optional<Principal> authenticateToken(String secret) {
        if (!secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(secret);
        long now = clock.millis();
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, role, expires_at FROM orbitr_server_token WHERE secret_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long expires = rows.getLong(3);
                    if (!rows.wasNull() && expires <= now) {
                        return Optional.empty();
                    }
                    return Optional.of(new Principal(rows.getString(1), Role.parse(rows.getString(2)),
                            Optional.empty()));
                }
            }
        });
    }

    /**
     * @param account the account that logged in
     * @return the new session (its id is the cookie's value; only its hash is kept)
     */
    public Principal.BrowserSession createSession(Account account) {
        Principal.BrowserSession session = new Principal.BrowserSession(Secrets.random(32), Secrets.random(24));
        long now = clock.millis();
        store.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM orbitr_server_session WHERE expires_at <= ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO orbitr_server_session"
                            + " (id_hash, account, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                purge.setLong(1, now);
                purge.executeUpdate();
                insert.setString(1, Secrets.sha256(session.id()));
                insert.setString(2, account.name());
                insert.setString(3, session.csrf());
                insert.setLong(4, now);
                insert.setLong(5, now + SESSION_LIFETIME.toMillis());
                insert.executeUpdate();
            }
            return null;
        });
        return session;
    }

    /**
     * @param sessionId the session cookie's value
     * @return who is logged in with it, when it is known and current
     */
    public Optional<Principal> authenticateSession(String sessionId) {
        if (sessionId.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT a.name, a.role, s.csrf"
                    + " FROM orbitr_server_session s JOIN orbitr_server_account a ON a.name = s.account"
                    + " WHERE s.id_hash = ? AND s.expires_at > ?")) {
                select.setString(1, Secrets.sha256(sessionId));
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Principal(rows.getString(1), Role.parse(rows.getString(2)),
                            Optional.of(new Principal.BrowserSession(sessionId, rows.getString(3)))))
                            : Optional.empty();
                }
            }
        });
    }

    /** @param sessionId the session cookie's value, forgotten */
    public void endSession(String sessionId) {
        store.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM orbitr_server_session WHERE id_hash = ?")) {
                delete.setString(1, Secrets.sha256(sessionId));
                delete.executeUpdate();
            }
            return null;
        });
        revoked();
    }

    private static boolean exists(java.sql.Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM orbitr_server_account WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static void requireName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException(field, name,
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
