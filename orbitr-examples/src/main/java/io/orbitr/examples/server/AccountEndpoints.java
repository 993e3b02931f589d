package io.orbitr.examples.server;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Setup, login and logout, accounts and tokens. */
final class AccountEndpoints {
    private final Accounts accounts;
    private final SetupToken setup;
    private final LoginLimiter limiter;
    private final boolean secureCookies;

    AccountEndpoints(Accounts accounts, SetupToken setup, LoginLimiter limiter, boolean secureCookies) {
        this.accounts = accounts;
        this.setup = setup;
        this.limiter = limiter;
        this.secureCookies = secureCookies;
    }

    /** The body of {@code setup}. */
    record SetupRequest(String token, String name, String password) {
    }

    /** The body of {@code login}. */
    record LoginRequest(String name, String password) {
    }

    /** The body of {@code createAccount}. */
    record AccountCreate(String name, String password, String role) {
    }

    /** The body of {@code createToken}. */
    record TokenCreate(String name, String role, Long expiresInSeconds) {
    }

    void register(Handlers handlers) {
        handlers.on("setup", this::setup)
                .on("login", this::login)
                .on("logout", call -> {
                    call.principal().flatMap(Principal::session).ifPresent(s -> accounts.endSession(s.id()));
                    call.context().header("Set-Cookie", cookie("", 0));
                    call.noContent();
                })
                .on("getMe", call -> call.ok(session(call.principal().orElseThrow(), Optional.empty())))
                .on("listAccounts", call -> call.ok(PageBody.of(accounts.list(), call)))
                .on("createAccount", call -> {
                    AccountCreate body = call.body(AccountCreate.class);
                    call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
                    call.json(201, accounts.create(body.name(), Role.parse(String.valueOf(body.role())),
                            required("password", body.password())));
                })
                .on("removeAccount", call -> {
                    String name = call.path("name");
                    boolean lastAdmin = accounts.list().stream()
                            .filter(a -> a.role() == Role.ADMIN).map(Account::name).toList().equals(java.util.List.of(name));
                    if (lastAdmin) {
                        throw new ConflictException("'" + name + "' is the last admin; create another admin first");
                    }
                    accounts.remove(name);
                    call.noContent();
                })
                .on("listTokens", call -> call.ok(PageBody.of(accounts.tokens(), call)))
                .on("createToken", call -> {
                    TokenCreate body = call.body(TokenCreate.class);
                    call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
                    Optional<Duration> lifetime = Optional.ofNullable(body.expiresInSeconds()).map(Duration::ofSeconds);
                    call.json(201, accounts.createToken(body.name(), Role.parse(String.valueOf(body.role())),
                            lifetime));
                })
                .on("removeToken", call -> {
                    accounts.removeToken(call.path("id"));
                    call.noContent();
                });
    }

    private void setup(Call call) throws Exception {
        SetupRequest body = call.body(SetupRequest.class);
        call.context().attribute(ApiRouter.ACTOR, String.valueOf(body.name()));
        call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
        if (accounts.count() > 0 || !setup.consume(required("token", body.token()))) {
            throw new ApiException(403, "the setup token is wrong or used up; an admin creates accounts now");
        }
        Account account;
        try {
            account = accounts.create(body.name(), Role.ADMIN, required("password", body.password()));
        } catch (RuntimeException e) {
            setup.issueAgain(body.token());
            throw e;
        }
        Principal.BrowserSession session = accounts.createSession(account);
        call.context().header("Set-Cookie", cookie(session.id(), Accounts.SESSION_LIFETIME.toSeconds()));
        call.json(201, session(new Principal(account.name(), account.role(), Optional.of(session)),
                Optional.of(session.csrf())));
    }

    private void login(Call call) throws Exception {
        LoginRequest body = call.body(LoginRequest.class);
        String name = required("name", body.name());
        String password = required("password", body.password());
        call.context().attribute(ApiRouter.ACTOR, name.length() > 64 ? name.substring(0, 64) : name);
        String address = call.context().ip();
        if (!limiter.allowed(address, name)) {
            call.context().header("Retry-After", "60");
            throw new ApiException(429, "too many failed logins; wait a minute");
        }
        Optional<Account> account = accounts.verify(name, password);
        if (account.isEmpty()) {
            limiter.failed(address, name);
            throw new ApiException(401, "wrong name or password");
        }
        limiter.succeeded(address, name);
        Principal.BrowserSession session = accounts.createSession(account.get());
        call.context().header("Set-Cookie", cookie(session.id(), Accounts.SESSION_LIFETIME.toSeconds()));
        call.ok(session(new Principal(name, account.get().role(), Optional.of(session)),
                Optional.of(session.csrf())));
    }

    private String cookie(String value, long maxAge) {
        return Authenticator.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "");
    }

    private static Map<String, Object> session(Principal principal, Optional<String> csrf) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", principal.name());
        out.put("role", principal.role().label());
        csrf.or(() -> principal.session().map(Principal.BrowserSession::csrf)).ifPresent(c -> out.put("csrfToken", c));
        return out;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "null", "is required");
        }
        return value;
    }

    static NotFoundException unknown(String kind, String name) {
        return new NotFoundException(kind, name);
    }
}
